namespace Psstd.Agent.Discovery.Dns;

/// <summary>
/// One resource record. In mDNS the top bit of the class is the cache-flush bit (RFC 6762 section 10.2):
/// the sender owns this name and type alone, so receivers drop other data they hold for it.
/// </summary>
internal sealed record DnsRecord(DnsName Name, DnsRecordType Type, uint Ttl, DnsRecordData Data, bool CacheFlush = false, ushort Class = DnsRecord.ClassInternet)
{
    public const ushort ClassInternet = 1;

    /// <summary>True when both are the same record (name, type, class and data), whatever the TTL and cache-flush bit.</summary>
    public bool SameAs(DnsRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && Class == other.Class && Name.Equals(other.Name) && Data.Equals(other.Data);
    }

    public DnsRecord WithTtl(uint ttl) => this with { Ttl = ttl };
}
