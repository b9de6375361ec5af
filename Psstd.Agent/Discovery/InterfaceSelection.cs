namespace Psstd.Agent.Discovery;

/// <summary>
/// Which interfaces mDNS uses. By default: up, multicast-capable, not loopback, with an address, and not a
/// container or virtual bridge (docker0, veth*, cni*, flannel* and the like), whose "LAN" holds no other
/// host. <c>PSSTD_MDNS_INTERFACES</c> names them instead; a named interface still has to be up.
/// </summary>
internal static class InterfaceSelection
{
    private static readonly string[] ContainerPrefixes = ["docker", "veth", "cni", "flannel", "br-", "virbr", "cali", "vxlan", "weave", "podman", "kube-", "tunl", "lxcbr"];

    /// <returns>The chosen interfaces, and for each one left out, its name and why.</returns>
    public static (IReadOnlyList<MdnsInterface> Chosen, IReadOnlyList<string> Skipped) Select(IEnumerable<MdnsInterface> all, IReadOnlyList<string> named)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(named);
        var chosen = new List<MdnsInterface>();
        var skipped = new List<string>();
        var list = all.ToList();
        foreach (var nic in list)
        {
            var reason = named.Count > 0 ? NamedReason(nic, named) : DefaultReason(nic);
            if (reason is null)
            {
                chosen.Add(nic);
            }
            else
            {
                skipped.Add($"{nic.Name} ({reason})");
            }
        }

        skipped.AddRange(named.Where(n => !list.Exists(nic => nic.Name == n)).Select(n => $"{n} (no such interface)"));
        return (chosen, skipped);
    }

    public static bool IsContainerBridge(string name) =>
        ContainerPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    private static string? NamedReason(MdnsInterface nic, IReadOnlyList<string> named) =>
        !named.Contains(nic.Name) ? "not in PSSTD_MDNS_INTERFACES"
        : !nic.Up ? "down"
        : nic.Index < 0 ? "no IP"
        : null;

    private static string? DefaultReason(MdnsInterface nic) =>
        nic.Loopback ? "loopback"
        : !nic.Up ? "down"
        : !nic.Multicast ? "no multicast"
        : IsContainerBridge(nic.Name) ? "container bridge"
        : nic.Addresses.Count == 0 || nic.Index < 0 ? "no address"
        : null;
}
