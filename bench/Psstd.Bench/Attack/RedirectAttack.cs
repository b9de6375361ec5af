using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Psstd.Contracts;
using Psstd.Bench.Processes;

namespace Psstd.Bench.Attack;

/// <summary>
/// Row 4 of the trust issue: forged idle peers whose dashboard is <c>http://evil.example/</c>, kept fresh in a real
/// agent for 12 s, while its real dashboard is asked for its page and its partial every half second. Counts
/// redirects (303 Location, HX-Redirect) and links to any host that is not one of the cluster's dashboards.
/// </summary>
internal static partial class RedirectAttack
{
    public static async Task<Dictionary<string, object>> RunAsync(AttackOptions options, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(3, options.AgentDll, options.DashboardDll, cancellationToken);
        var target = cluster.Members[0];
        var ours = cluster.Members.Select(m => new Uri(m.DashboardUrl).Authority).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var attacker = new Attacker(new IPEndPoint(IPAddress.Parse("127.0.0.66"), 0), options.Wire);
        var forged = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(target.DashboardUrl), Timeout = TimeSpan.FromSeconds(20) };
        int redirects = 0, links = 0, pages = 0;
        for (var tick = 0; tick < 24; tick++)
        {
            if (tick % 2 == 0)
            {
                attacker.SendRecords(target.Gossip, [.. forged.Select((id, i) => Attacker.Record(
                    id, $"idle-{i.ToString(CultureInfo.InvariantCulture)}", 1, tick + 1, "127.0.0.66:7947", "http://evil.example/"))]);
            }

            foreach (var partial in new[] { false, true })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/");
                if (partial)
                {
                    request.Headers.Add("HX-Request", "true");
                }

                using var response = await http.SendAsync(request, cancellationToken);
                pages++;
                var location = response.Headers.Location?.ToString() ?? (response.Headers.TryGetValues("HX-Redirect", out var hx) ? hx.FirstOrDefault() : null);
                if (location is not null && Foreign(location, ours))
                {
                    redirects++;
                }

                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                links += Href().Matches(html).Count(m => Foreign(WebUtility.HtmlDecode(m.Groups[1].Value), ours));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        }

        var held = (await target.SnapshotAsync(cancellationToken)).Nodes.Count(n => forged.Contains(n.Id) && n.Health == NodeHealth.Fresh);
        return new Dictionary<string, object>
        {
            ["kind"] = "redirect",
            ["pages"] = pages,
            ["forged_peers_fresh"] = held,
            ["foreign_redirects"] = redirects + links,
            ["redirects"] = redirects,
            ["links"] = links,
        };
    }

    /// <summary>An absolute http(s) URL to a host that is not one of the cluster's dashboards.</summary>
    private static bool Foreign(string url, HashSet<string> ours) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !ours.Contains(uri.Authority);

    [GeneratedRegex("href=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Href();
}
