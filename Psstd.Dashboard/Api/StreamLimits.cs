namespace Psstd.Dashboard.Api;

/// <summary>
/// How many <c>/api/cluster/stream</c> clients are served at once, per remote address and in all. They share one
/// agent poll, so the cap bounds connections and buffers, not agent work. Beyond it: 429.
/// </summary>
public sealed record StreamLimits
{
    public int PerAddress { get; init; } = 8;

    public int Total { get; init; } = 128;
}
