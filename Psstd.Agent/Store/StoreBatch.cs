using Psstd.Contracts;

namespace Psstd.Agent.Store;

/// <summary>Everything one writer tick commits, in one transaction.</summary>
/// <param name="Nodes">Latest records of nodes whose (generation, sequence) changed since the last batch.</param>
/// <param name="History">At most one sample per node.</param>
/// <param name="Removed">Nodes no longer held (a tombstone that did its work, or room made under the node cap): their rows and history go.</param>
internal sealed record StoreBatch(
    DateTimeOffset At,
    IReadOnlyList<StoredNode> Nodes,
    IReadOnlyList<HistorySample> History,
    IReadOnlyList<ClusterEvent> Events,
    IReadOnlyList<Guid>? Removed = null)
{
    public bool IsEmpty => Nodes.Count == 0 && History.Count == 0 && Events.Count == 0 && (Removed?.Count ?? 0) == 0;
}

/// <summary>A node's latest record as stored: its wire bytes as they are, and when this agent last saw a new version.</summary>
internal sealed record StoredNode(Guid Id, string Name, byte[] Encoded, DateTimeOffset SeenAt);
