using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>How the gossip engine behaves; defaults are what the agent runs with.</summary>
public sealed record GossipOptions
{
    public required string Cluster { get; init; }

    /// <summary>Seals every packet when set (<c>PSSTD_KEY</c>).</summary>
    public GossipKeyring? Keyring { get; init; }

    /// <summary>
    /// The heartbeat interval as configured (<c>PSSTD_INTERVAL</c>). Past the budget the own record
    /// declares a whole multiple of it (the publish stride, <see cref="GossipPace"/>), and periodic
    /// anti-entropy slows down by the same factor.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>One gossip round: what became new since the last one goes out together.</summary>
    public TimeSpan RoundInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Peers each round's news goes to, on average (2.2 means 2, or 3 one time in five). Every node
    /// relays each version new to it once, to this many peers. A wider fanout lowers the age of what a node
    /// sees and costs bytes in proportion; the default sits between the age and bandwidth targets, as the
    /// simulator measured them (bench/RESULTS.md).
    /// </summary>
    public double Fanout { get; init; } = 2.2;

    /// <summary>
    /// Peers a node's own new record goes to. More than <see cref="Fanout"/>: a wider first step makes
    /// every later one reach further, and costs one packet per node per interval.
    /// </summary>
    public int OriginFanout { get; init; } = 4;

    /// <summary>Bytes per second a node may send; above it, news waits and newer versions replace it.</summary>
    public int BandwidthBytesPerSecond { get; init; } = 256 * 1024;

    /// <summary>A node silent this many of its own intervals (no new record, no answered probe) is probed.</summary>
    public double ProbeAfterIntervals { get; init; } = 2;

    /// <summary>How long a direct ping waits for its ack before asking other peers to try.</summary>
    public TimeSpan DirectProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the indirect pings wait before the node is suspected.</summary>
    public TimeSpan IndirectProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// Peers each suspicion this node takes goes to (see <c>GossipEngine.Suspicions</c>). Notices are a
    /// few dozen bytes and only flow when a node dies, so this is wider than the relay's fanout: every
    /// peer should hear one.
    /// </summary>
    public int SuspicionFanout { get; init; } = 5;

    /// <summary>Peers asked to ping a node that did not answer directly.</summary>
    public int IndirectProbes { get; init; } = 3;

    /// <summary>
    /// New probes a round may start, so a mass failure costs a bounded burst; in a cluster of more than
    /// 40 times this many nodes, one known node in 40 (<c>GossipEngine.ProbeLimitShare</c>).
    /// </summary>
    public int MaxNewProbesPerRound { get; init; } = 64;

    /// <summary>How often seeds and peers believed offline are tried again, so a healed partition merges.</summary>
    public TimeSpan ReconnectEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often this node starts an anti-entropy exchange with one random peer: a summary of a few
    /// hundred bytes, then digests and records of the buckets that differ only. Infinite turns it off.
    /// Past the budget, every publish stride times this: in a large cluster every bucket differs all the
    /// time (versions are always in flight), so an exchange costs digests of the whole cluster, and at
    /// the unpaced rate it would take the budget the relay needs. Not while the node is still learning the
    /// cluster (<c>GossipEngine.SyncStride</c>): then an exchange is the fastest way to catch up.
    /// </summary>
    public TimeSpan AntiEntropyEvery { get; init; } = TimeSpan.FromSeconds(5);

}
