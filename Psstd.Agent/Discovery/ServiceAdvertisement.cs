using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// What this agent advertises: an instance of <c>_psstd._tcp.local.</c> named after the node, whose SRV
/// points at the gossip port on a host name of its own, and whose TXT carries what a browser needs to
/// decide before it dials (RFC 6763 section 6).
/// </summary>
/// <param name="Instance">The instance label, the node name at first ("node-1", then "node-1 (2)" after a conflict).</param>
/// <param name="HostLabel">The first label of the host name (<c>HostLabel.local.</c>).</param>
internal sealed record ServiceAdvertisement(string Instance, string HostLabel, ushort Port, IReadOnlyList<string> Txt)
{
    public DnsName InstanceName => MdnsConstants.ServiceType.Prepend(Instance);

    public DnsName HostName => MdnsConstants.Local.Prepend(HostLabel);

    /// <summary>The TXT strings: node id, cluster, wire version, agent version and dashboard URL (empty when none).</summary>
    public static IReadOnlyList<string> TxtFor(Guid nodeId, string cluster, int wireVersion, string agentVersion, string dashboardUrl) =>
        [$"id={nodeId:D}", $"cluster={cluster}", $"wire={wireVersion}", $"version={agentVersion}", $"dash={dashboardUrl}"];

    /// <summary>
    /// Every record this agent answers for on one interface, with these <paramref name="addresses"/>.
    /// Unique records (SRV, TXT, A, AAAA) carry the cache-flush bit; the PTRs are shared.
    /// </summary>
    public IReadOnlyList<DnsRecord> Records(IReadOnlyList<IPAddress> addresses, uint? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var records = new List<DnsRecord>
        {
            new(MdnsConstants.ServiceTypes, DnsRecordType.Ptr, ttl ?? MdnsConstants.OtherRecordTtl, new PtrData(MdnsConstants.ServiceType)),
            new(MdnsConstants.ServiceType, DnsRecordType.Ptr, ttl ?? MdnsConstants.OtherRecordTtl, new PtrData(InstanceName)),
            new(InstanceName, DnsRecordType.Srv, ttl ?? MdnsConstants.HostRecordTtl, new SrvData(0, 0, Port, HostName), CacheFlush: true),
            new(InstanceName, DnsRecordType.Txt, ttl ?? MdnsConstants.OtherRecordTtl, new TxtData(Txt), CacheFlush: true),
        };
        foreach (var address in addresses)
        {
            var type = address.AddressFamily == AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A;
            var unscoped = new IPAddress(address.GetAddressBytes()); // the wire carries no scope: compare as peers will see it
            records.Add(new DnsRecord(HostName, type, ttl ?? MdnsConstants.HostRecordTtl, new AddressData(unscoped), CacheFlush: true));
        }

        return records;
    }

    /// <summary>
    /// The records a probe claims (RFC 6762 section 8.1-8.2): what this agent would own under the two
    /// names, placed in the probe's authority section for the simultaneous-probe tie-break.
    /// </summary>
    public IReadOnlyList<DnsRecord> ProbeClaims(IReadOnlyList<IPAddress> addresses) =>
        [.. Records(addresses).Where(r => r.CacheFlush).Select(r => r with { CacheFlush = false })];

    /// <summary>A name for the next attempt after a conflict: "node-1" becomes "node-1 (2)", then "node-1 (3)" (RFC 6763 appendix D).</summary>
    /// <remarks>The base is shortened, by whole characters, so the label stays within 63 bytes.</remarks>
    public static string NextInstanceName(string baseName, int attempt)
    {
        ArgumentNullException.ThrowIfNull(baseName);
        var suffix = attempt <= 1 ? "" : $" ({attempt})";
        var name = baseName;
        while (name.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(name + suffix) > DnsName.MaxLabelBytes)
        {
            name = name[..^1];
        }

        return name + suffix;
    }

    /// <summary>Host labels are plain DNS labels: "psstd-node-1", then "psstd-node-1-2".</summary>
    public static string NextHostLabel(string baseLabel, int attempt) => attempt <= 1 ? baseLabel : $"{baseLabel}-{attempt}";

    /// <summary>A host label from a node name: letters, digits and hyphens only, at most 63 bytes.</summary>
    public static string HostLabelFor(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        var chars = ("psstd-" + nodeName).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        var label = new string(chars).Trim('-');
        return label.Length > 56 ? label[..56] : label; // room for a "-NN" suffix after conflicts
    }
}
