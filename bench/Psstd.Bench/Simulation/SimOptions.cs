namespace Psstd.Bench.Simulation;

public enum Scenario
{
    /// <summary>Every node up for the whole run.</summary>
    Steady,

    /// <summary>5 % of nodes die without a word halfway through.</summary>
    Kill,

    /// <summary>5 % of nodes stop gracefully halfway through.</summary>
    Leave,

    /// <summary>The cluster splits in two halves for 60 s, then heals.</summary>
    Partition,
}

/// <summary>One simulation run.</summary>
public sealed record SimOptions
{
    public int Nodes { get; init; } = 100;
    public int Seconds { get; init; } = 60;
    public double Loss { get; init; }
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(1);
    public Scenario Scenario { get; init; } = Scenario.Steady;
    public int Seed { get; init; } = 1;
    public int Cores { get; init; } = 8;

    /// <summary>Overrides the engine's relay fanout, for experiments.</summary>
    public double? Fanout { get; init; }

    /// <summary>
    /// Overrides each node's bandwidth budget (bytes per second each way). The publish stride grows with
    /// nodes over budget, so a quarter of the nodes at a quarter of the budget paces as the full cluster
    /// does, at a sixteenth of the traffic to simulate.
    /// </summary>
    public int? Bandwidth { get; init; }
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Nodes start one after another over this window, in a seeded random order, as a fleet rolls out;
    /// zero: all start within the first interval (the harsh case).
    /// </summary>
    public TimeSpan Ramp { get; init; }

    /// <summary>Before this, nothing is measured: every node is still learning the cluster (10 s after the last one started).</summary>
    public TimeSpan WarmUp => Ramp + TimeSpan.FromSeconds(10);

    public TimeSpan PartitionLength { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When the kill, the leave or the split happens.</summary>
    public TimeSpan EventAt => WarmUp + TimeSpan.FromSeconds(5);
}
