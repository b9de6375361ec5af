using Psstd.Gossip.Cluster;
using Psstd.Gossip.Telemetry;

namespace Psstd.Gossip.Engine;

/// <summary>What every part of one engine shares and none of them changes: who this node is, what it holds, its clock and its dice.</summary>
/// <param name="Random">One sequence for the whole engine: seeded, the simulator replays a run exactly.</param>
internal sealed record EngineContext(GossipOptions Options, Guid SelfId, ClusterState Cluster, GossipMetrics Counters, TimeProvider Time, Random Random);
