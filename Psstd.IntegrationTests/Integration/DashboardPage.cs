using AngleSharp.Html.Parser;

namespace Psstd.Tests.Integration;

/// <summary>The node cells a real dashboard shows, read from its HTML the way a browser would see them.</summary>
/// <param name="CoreBars">Cores drawn: the cells of a dense strip, else the meter lines.</param>
/// <param name="Link">The cell's link to the node's own dashboard; empty when it has none.</param>
internal sealed record NodeCell(string Name, string State, int CoreBars, string Link = "");

/// <summary>What a real dashboard's node page shows: points per sparkline series and the events listed, newest first.</summary>
internal sealed record NodePageView(IReadOnlyDictionary<string, int> SeriesPoints, IReadOnlyList<string> EventKinds);

internal static class DashboardPage
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<IReadOnlyList<NodeCell>> ReadAsync(Uri dashboard, CancellationToken cancellationToken)
    {
        var html = await Client.GetStringAsync(dashboard, cancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html, cancellationToken);
        return [.. document.QuerySelectorAll("article.node").Select(cell => new NodeCell(
            cell.GetAttribute("data-node") ?? "",
            cell.GetAttribute("data-state") ?? "",
            cell.QuerySelectorAll(".strip i").Length is var strip and > 0 ? strip : cell.QuerySelectorAll("ol.cpus li").Length,
            cell.QuerySelector("a.node-link")?.GetAttribute("href") ?? ""))];
    }

    /// <summary>The node page <c>/nodes/{node}</c> of <paramref name="dashboard"/>; null when it does not answer 200.</summary>
    public static async Task<NodePageView?> TryReadNodePageAsync(Uri dashboard, string node, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(new Uri(dashboard, "nodes/" + Uri.EscapeDataString(node)), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
        var series = document.QuerySelectorAll("path.series")
            .GroupBy(p => p.GetAttribute("data-series") ?? "")
            .ToDictionary(g => g.Key, g => g.Max(p => int.TryParse(p.GetAttribute("data-points"), out var n) ? n : 0));
        return new NodePageView(series, [.. document.QuerySelectorAll("li.event").Select(e => e.GetAttribute("data-kind") ?? "")]);
    }

    /// <summary>Reads the page, but treats a dashboard that does not answer yet as "nothing shown".</summary>
    public static async Task<IReadOnlyList<NodeCell>> TryReadAsync(Uri dashboard, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(dashboard, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return [];
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
