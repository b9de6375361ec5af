namespace Psstd.Dashboard.HotPotato;

/// <summary>
/// What a browser carries in its URL about its own hand-offs: how many in the current window and when that
/// window started (unix seconds). The browser is the only place this can live: each hop lands on another server.
/// </summary>
public sealed record HopState(int Hops, long WindowStartUnixSeconds)
{
    public static HopState None { get; } = new(0, 0);

    /// <summary>Reads the two query values; anything missing, negative or unreadable means no hops yet.</summary>
    public static HopState Parse(string hops, string windowStart) =>
        int.TryParse(hops, out var h) && long.TryParse(windowStart, out var w) && h > 0 && w > 0
            ? new HopState(h, w)
            : None;
}
