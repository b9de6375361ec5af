using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>The stretch of history a page charts: a <see cref="HistoryRange"/> ending now, in the range's buckets.</summary>
public sealed record NodeWindow(DateTimeOffset Since, DateTimeOffset Until, TimeSpan Resolution)
{
    /// <summary>The range the window was made from; its token labels the charts' left edge.</summary>
    public HistoryRange Range { get; init; } = HistoryRange.Default;

    public static NodeWindow LastHour(DateTimeOffset now) => For(HistoryRange.Hour, now);

    public static NodeWindow For(HistoryRange range, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(range);
        return new NodeWindow(now - range.Length, now, range.Resolution) { Range = range };
    }
}
