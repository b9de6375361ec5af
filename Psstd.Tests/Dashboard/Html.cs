using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Psstd.Tests.Dashboard;

internal static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<(HttpResponseMessage Response, string Body, IDocument Document)> GetAsync(
        HttpClient client, string url, bool htmx = false, bool historyRestore = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        if (historyRestore)
        {
            request.Headers.Add("HX-History-Restore-Request", "true");
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await client.SendAsync(request, cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        return (response, body, Parse(body));
    }
}
