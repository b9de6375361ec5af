using Psstd.Agent.Gossip;

namespace Psstd.Agent.Cluster;

/// <summary>A node's current record and when this agent first saw it.</summary>
/// <param name="SeenTimestamp">
/// <see cref="TimeProvider.GetTimestamp"/> of this agent when the record's (generation, sequence)
/// first arrived: freshness is judged from it, on this agent's monotonic clock only.
/// </param>
public readonly record struct ClusterEntry(NodeRecord Record, long SeenTimestamp);
