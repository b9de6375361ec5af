using System.Net;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>Fixed names, addresses and lifetimes of mDNS (RFC 6762) and DNS-SD (RFC 6763) as psstd uses them.</summary>
internal static class MdnsConstants
{
    public const int Port = 5353;
    public static readonly IPAddress GroupV4 = IPAddress.Parse("224.0.0.251");
    public static readonly IPAddress GroupV6 = IPAddress.Parse("ff02::fb");

    /// <summary>The service type every psstd agent advertises and browses.</summary>
    public static readonly DnsName ServiceType = DnsName.Parse("_psstd._tcp.local");

    /// <summary>DNS-SD service type enumeration (RFC 6763 section 9): lists <see cref="ServiceType"/> among a host's types.</summary>
    public static readonly DnsName ServiceTypes = DnsName.Parse("_services._dns-sd._udp.local");

    public static readonly DnsName Local = DnsName.Parse("local");

    /// <summary>RFC 6762 section 10: records naming a host (SRV, A, AAAA) live 120 s, the others 75 minutes.</summary>
    public const uint HostRecordTtl = 120;
    public const uint OtherRecordTtl = 4500;

    /// <summary>RFC 6762 section 6.7: answers to a legacy (not port 5353) querier carry at most this TTL.</summary>
    public const uint LegacyUnicastTtl = 10;
}
