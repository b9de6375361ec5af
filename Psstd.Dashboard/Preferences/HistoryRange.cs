namespace Psstd.Dashboard.Preferences;

/// <summary>
/// A stretch of history the node and compare pages chart, named in the URL by <see cref="Token"/>
/// (<c>range=6h</c>). Only the ranges listed in <see cref="All"/> exist: the store keeps a day, and a URL is
/// hostile input, so an unknown value falls back to <see cref="Default"/> rather than asking the agent for it.
/// </summary>
/// <param name="Token">The query value and the label: <c>1h</c>, <c>6h</c>, <c>24h</c>.</param>
/// <param name="Length">How far back from now.</param>
/// <param name="Resolution">
/// The bucket the agent averages into. The store holds one-minute points beyond its raw hour, so ranges
/// reaching past it use a minute or more (finer buckets would be half empty and draw a dotted line).
/// </param>
public sealed record HistoryRange(string Token, TimeSpan Length, TimeSpan Resolution)
{
    /// <summary>
    /// No chart series ever has more points than this, whatever the agent answers: past it the dashboard averages
    /// neighbouring points itself. About one point per pixel of a wide chart.
    /// </summary>
    public const int MaxPoints = 720;

    /// <summary>The last hour at 30 s (120 points, as the page always had).</summary>
    public static HistoryRange Hour { get; } = new("1h", TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));

    /// <summary>Six hours at a minute (360 points).</summary>
    public static HistoryRange SixHours { get; } = new("6h", TimeSpan.FromHours(6), TimeSpan.FromMinutes(1));

    /// <summary>The day the store keeps, at four minutes (360 points): no heavier than six hours.</summary>
    public static HistoryRange Day { get; } = new("24h", TimeSpan.FromHours(24), TimeSpan.FromMinutes(4));

    public static IReadOnlyList<HistoryRange> All { get; } = [Hour, SixHours, Day];

    public static HistoryRange Default => Hour;

    /// <summary>The range named by the first <c>range</c> value of <paramref name="query"/>; anything else is the default.</summary>
    public static HistoryRange Read(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var pair in query)
        {
            if (string.Equals(pair.Key, QueryNames.Range, StringComparison.Ordinal))
            {
                return All.FirstOrDefault(r => string.Equals(r.Token, pair.Value, StringComparison.Ordinal)) ?? Default;
            }
        }

        return Default;
    }
}
