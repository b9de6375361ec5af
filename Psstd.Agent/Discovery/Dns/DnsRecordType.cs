namespace Psstd.Agent.Discovery.Dns;

/// <summary>The record types mDNS / DNS-SD needs here; any other type is kept as raw data.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The DNS mnemonics (PTR) are the names readers look for.")]
internal enum DnsRecordType : ushort
{
    A = 1,
    Ptr = 12,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Nsec = 47,

    /// <summary>Only in questions: every type (probes ask for it).</summary>
    Any = 255,
}
