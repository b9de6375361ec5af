using System.Net;

namespace Psstd.Agent.Discovery;

/// <summary>A psstd agent found on the link, resolved to its gossip endpoints.</summary>
/// <param name="Instance">The DNS-SD instance label (the peer's node name, maybe with a conflict suffix).</param>
internal sealed record DiscoveredInstance(string Instance, Guid NodeId, string Cluster, IReadOnlyList<IPEndPoint> EndPoints, string DashboardUrl)
{
    public bool Equals(DiscoveredInstance? other) =>
        other is not null && Instance == other.Instance && NodeId == other.NodeId && Cluster == other.Cluster
        && DashboardUrl == other.DashboardUrl && EndPoints.SequenceEqual(other.EndPoints);

    public override int GetHashCode() => HashCode.Combine(Instance, NodeId);
}
