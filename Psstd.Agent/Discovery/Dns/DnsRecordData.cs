using System.Net;

namespace Psstd.Agent.Discovery.Dns;

/// <summary>What a record says, by type. Records compare by value, so a cache can tell "the same record" from a changed one.</summary>
internal abstract record DnsRecordData;

internal sealed record PtrData(DnsName Target) : DnsRecordData;

internal sealed record SrvData(ushort Priority, ushort Weight, ushort Port, DnsName Target) : DnsRecordData;

internal sealed record AddressData(IPAddress Address) : DnsRecordData;

/// <summary>TXT strings (RFC 6763 section 6): usually <c>key=value</c>, each at most 255 bytes of UTF-8.</summary>
internal sealed record TxtData(IReadOnlyList<string> Strings) : DnsRecordData
{
    /// <summary>The value of <paramref name="key"/> (keys ignore ASCII case); null when absent, "" for a bare key.</summary>
    public string? Get(string key)
    {
        foreach (var entry in Strings)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? entry : entry[..eq];
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return eq < 0 ? "" : entry[(eq + 1)..];
            }
        }

        return null;
    }

    public bool Equals(TxtData? other) => other is not null && Strings.SequenceEqual(other.Strings, StringComparer.Ordinal);

    public override int GetHashCode() => Strings.Count == 0 ? 0 : HashCode.Combine(Strings.Count, Strings[0]);
}

/// <summary>NSEC as mDNS uses it (RFC 6762 section 6.1): "this name has only these types".</summary>
internal sealed record NsecData(DnsName Next, IReadOnlyList<DnsRecordType> Types) : DnsRecordData
{
    public bool Equals(NsecData? other) => other is not null && Next.Equals(other.Next) && Types.SequenceEqual(other.Types);

    public override int GetHashCode() => HashCode.Combine(Next, Types.Count);
}

/// <summary>A type this decoder does not interpret: its bytes, kept so the record can be skipped or echoed.</summary>
internal sealed record RawData(byte[] Bytes) : DnsRecordData
{
    public bool Equals(RawData? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => Bytes.Length;
}
