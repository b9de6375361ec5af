namespace Psstd.Agent.Discovery.Dns;

/// <summary>One question. In mDNS the top bit of the class asks for a unicast answer (QU, RFC 6762 section 5.4).</summary>
internal sealed record DnsQuestion(DnsName Name, DnsRecordType Type, bool UnicastResponse = false, ushort Class = DnsRecord.ClassInternet)
{
    /// <summary>True when <paramref name="record"/> answers this question.</summary>
    public bool IsAnsweredBy(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Name.Equals(Name) && (Type == DnsRecordType.Any || record.Type == Type) && (Class == record.Class || Class == 255);
    }
}
