namespace Psstd.Dashboard.ViewModels;

/// <summary>The stretch of history the node page charts: the last hour, in 30-second buckets.</summary>
public sealed record NodeWindow(DateTimeOffset Since, DateTimeOffset Until, TimeSpan Resolution)
{
    public static TimeSpan Length { get; } = TimeSpan.FromHours(1);

    /// <summary>120 points an hour: finer than a 300-unit-wide sparkline could show would only add bytes.</summary>
    public static TimeSpan DefaultResolution { get; } = TimeSpan.FromSeconds(30);

    public static NodeWindow LastHour(DateTimeOffset now) => new(now - Length, now, DefaultResolution);
}
