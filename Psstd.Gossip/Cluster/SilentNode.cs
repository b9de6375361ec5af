using Psstd.Contracts;

namespace Psstd.Gossip.Cluster;

/// <summary>A node the failure detector should look at: silent too long (<see cref="ClusterState.CollectSilent"/>).</summary>
/// <param name="Version">The version held, the one it fell silent on.</param>
/// <param name="Health">Its health when collected.</param>
internal readonly record struct SilentNode(RecordVersion Version, NodeHealth Health);
