using AngleSharp.Html.Parser;

namespace Psstd.Tests.Integration;

/// <summary>The node cells a real dashboard shows, read from its HTML the way a browser would see them.</summary>
/// <param name="Link">The cell's link to the node's own dashboard; empty when it has none.</param>
internal sealed record NodeCell(string Name, string State, int CoreBars, string Link = "");

internal static class DashboardPage
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<IReadOnlyList<NodeCell>> ReadAsync(Uri dashboard, CancellationToken cancellationToken)
    {
        var html = await Client.GetStringAsync(dashboard, cancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html, cancellationToken);
        return [.. document.QuerySelectorAll("article.node").Select(cell => new NodeCell(
            cell.GetAttribute("data-node") ?? "",
            cell.GetAttribute("data-state") ?? "",
            cell.QuerySelectorAll(".core").Length,
            cell.QuerySelector("a.node-link")?.GetAttribute("href") ?? ""))];
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
