using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// How far a record's own TTL and interval may stretch this agent's judgement of it: at most 4 times this node's
/// own (and never below 60 s and 4 s), so a record claiming a week's TTL goes offline like any other.
/// </summary>
internal sealed record JudgementLimits(TimeSpan MaxTtl, TimeSpan MaxInterval)
{
    /// <summary>No limit: a state that was never told this node's own settings (tests, the simulator's viewers).</summary>
    public static JudgementLimits None { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue);

    public static JudgementLimits For(RecordHeader own) => new(
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(60).Ticks, own.Ttl.Ticks * 4)),
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(4).Ticks, own.Interval.Ticks * 4)));

    public TimeSpan Ttl(RecordHeader header) => header.Ttl < MaxTtl ? header.Ttl : MaxTtl;

    public TimeSpan Interval(RecordHeader header) => header.Interval < MaxInterval ? header.Interval : MaxInterval;

    /// <summary>The header with its TTL and interval as judged here (the same instance when within the limits).</summary>
    public RecordHeader Apply(RecordHeader header) =>
        header.Ttl <= MaxTtl && header.Interval <= MaxInterval ? header : header with { Ttl = Ttl(header), Interval = Interval(header) };
}
