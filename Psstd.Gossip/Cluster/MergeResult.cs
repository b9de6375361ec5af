using Psstd.Contracts;

namespace Psstd.Gossip.Cluster;

/// <summary>What a merge did, and what the node looked like just before it.</summary>
/// <param name="Version">The version now held, when the merge took it; null when ignored or rejected.</param>
/// <param name="Before">The node's health just before a newer version replaced the held one; null otherwise.</param>
internal readonly record struct MergeResult(MergeOutcome Outcome, RecordVersion? Version = null, NodeHealth? Before = null);
