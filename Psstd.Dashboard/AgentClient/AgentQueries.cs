using System.Globalization;
using Psstd.Contracts;
using Psstd.Configuration;

namespace Psstd.Dashboard.AgentClient;

/// <summary>Paths with queries for the agent's history and events routes (<see cref="LocalApiRoutes"/>). Pure.</summary>
public static class AgentQueries
{
    /// <summary>
    /// <c>/v1/nodes/{node}/history?since=...&amp;until=...</c>, times as UTC ISO 8601 to the second, the resolution in
    /// the duration syntax (<c>30s</c>) and the format only when asked.
    /// </summary>
    public static string History(string node, DateTimeOffset since, DateTimeOffset until, TimeSpan? resolution, HistoryExportFormat? format)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var path = $"{LocalApiRoutes.HistoryOf(node)}?since={Instant(since)}&until={Instant(until)}";
        if (resolution is { } r)
        {
            path += $"&resolution={DurationParser.Format(r)}";
        }

        return format switch
        {
            HistoryExportFormat.Csv => path + "&format=csv",
            HistoryExportFormat.Ndjson => path + "&format=ndjson",
            _ => path,
        };
    }

    /// <summary><c>/v1/events?node=...&amp;limit=...</c>; without a node, the whole cluster's.</summary>
    public static string Events(string? node, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var path = string.Create(CultureInfo.InvariantCulture, $"{LocalApiRoutes.Events}?limit={limit}");
        return string.IsNullOrEmpty(node) ? path : $"{path}&node={Uri.EscapeDataString(node)}";
    }

    /// <summary>UTC to the second, with <c>Z</c>: nothing in it needs escaping in a query.</summary>
    private static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
