using System.Globalization;
using Psstd.Agent.Store;
using Psstd.Configuration;

namespace Psstd.Agent.LocalApi;

/// <summary>The checked query of <see cref="Psstd.Contracts.LocalApiRoutes.NodeHistory"/>.</summary>
internal sealed record HistoryQuery(DateTimeOffset Since, DateTimeOffset Until, TimeSpan Resolution, HistoryFormat Format)
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumResolution = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumResolution = TimeSpan.FromDays(1);

    /// <summary>More points than this in one answer is a mistake (a week at 1 s); ask for a coarser resolution.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>
    /// Reads the query; on a bad value returns null and <paramref name="error"/> names the parameter and its rule.
    /// Without <c>resolution</c>, the stored one: the node's interval while the range lies in the last hour, else a minute.
    /// </summary>
    public static HistoryQuery? Parse(
        string? since, string? until, string? resolution, string? format, DateTimeOffset now, TimeSpan nodeInterval, out string error)
    {
        error = "";
        var end = now;
        if (until is not null && !TryTime(until, out end))
        {
            error = $"until \"{until}\" must be an ISO 8601 time such as 2026-01-31T12:00:00Z";
            return null;
        }

        var start = end - DefaultRange;
        if (since is not null && !TryTime(since, out start))
        {
            error = $"since \"{since}\" must be an ISO 8601 time such as 2026-01-31T11:00:00Z";
            return null;
        }

        if (start >= end)
        {
            error = $"since ({start:O}) must be before until ({end:O})";
            return null;
        }

        var step = start >= now - StoreSchema.RawWindow ? Clamp(nodeInterval) : StoreSchema.ThinnedResolution;
        if (resolution is not null)
        {
            var parsed = DurationParser.TryParse(resolution);
            if (parsed is null || parsed < MinimumResolution || parsed > MaximumResolution)
            {
                error = $"resolution \"{resolution}\" must be {DurationParser.Syntax}, from 1s to 24h";
                return null;
            }

            step = parsed.Value;
        }

        if ((end - start) / step > MaxPoints)
        {
            error = $"resolution {DurationParser.Format(step)} gives more than {MaxPoints} points from since to until; ask for a coarser resolution or a shorter range";
            return null;
        }

        HistoryFormat? kind = format?.ToUpperInvariant() switch
        {
            null or "JSON" => HistoryFormat.Json,
            "CSV" => HistoryFormat.Csv,
            "NDJSON" => HistoryFormat.Ndjson,
            _ => null,
        };
        if (kind is null)
        {
            error = $"format \"{format}\" must be json, csv or ndjson";
            return null;
        }

        return new HistoryQuery(start, end, step, kind.Value);
    }

    private static TimeSpan Clamp(TimeSpan interval) => interval < MinimumResolution ? MinimumResolution : interval;

    private static bool TryTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}

internal enum HistoryFormat
{
    Json,
    Csv,
    Ndjson,
}
