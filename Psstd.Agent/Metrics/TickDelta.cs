namespace Psstd.Agent.Metrics;

/// <summary>Ticks one core spent busy, and in all, over one interval, in whatever unit its OS counts.</summary>
internal readonly record struct TickDelta(long Busy, long Total)
{
    /// <summary>
    /// Busy % of the interval, clamped to 0..100; no elapsed ticks reads 0. The clamp is there because
    /// an OS that accounts idle and busy time separately can step one of them backwards.
    /// </summary>
    public double Percent => Total <= 0 ? 0 : Math.Clamp(100.0 * Busy / Total, 0, 100);
}
