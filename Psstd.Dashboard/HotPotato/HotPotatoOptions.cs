namespace Psstd.Dashboard.HotPotato;

/// <summary>When a browser leaves a busy node for a quieter peer. The rules and defaults are described in docs/dashboard.md.</summary>
public sealed record HotPotatoOptions
{
    /// <summary>This node hands browsers off only when its score is above this (per-core %, 0-100+).</summary>
    public double Threshold { get; init; } = 70;

    /// <summary>A candidate must score at least this much lower than this node.</summary>
    public double Margin { get; init; } = 20;

    /// <summary>The target is drawn among this many quietest candidates, so browsers spread instead of herding.</summary>
    public int Spread { get; init; } = 3;

    /// <summary>Hand-offs one browser may make within <see cref="Window"/>.</summary>
    public int MaxHops { get; init; } = 2;

    /// <summary>The cooldown window for <see cref="MaxHops"/>.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Off switch, for a dashboard that must stay where it is (e.g. a wall screen pinned to one node).</summary>
    public bool Enabled { get; init; } = true;
}
