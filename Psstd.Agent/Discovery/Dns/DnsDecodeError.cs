namespace Psstd.Agent.Discovery.Dns;

/// <summary>Why a DNS message was refused; each has its own drop counter.</summary>
internal enum DnsDecodeError
{
    None,

    /// <summary>Ends before the header, a section or a record says it should.</summary>
    Truncated,

    /// <summary>A compression pointer that does not point strictly backwards: a loop or a forward jump.</summary>
    BadPointer,

    /// <summary>A label over 63 bytes, a reserved label type, or a name over 255 bytes.</summary>
    BadName,

    /// <summary>Record data that does not match its type or its stated length.</summary>
    BadRecord,
}
