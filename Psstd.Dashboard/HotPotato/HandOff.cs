using System.Globalization;
using Microsoft.Extensions.Logging;
using Psstd.Contracts;
using Psstd.Dashboard.Diagnostics;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;

namespace Psstd.Dashboard.HotPotato;

/// <summary>Applies <see cref="HotPotatoRule"/> to one request: reads the hop state from the URL, builds the target URL.</summary>
public sealed class HandOff(HotPotatoOptions options, PeerDashboards peers, TimeProvider time, Random random, ILogger<HandOff> logger)
{
    /// <summary>Where this browser should go instead, or null to stay.</summary>
    /// <returns>The peer's normalised dashboard URL with this page's query carried over and the hop state updated.</returns>
    public string? TargetFor(ClusterSnapshot snapshot, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(address);
        var hops = HopState.Parse(Value(address, QueryNames.Hops), Value(address, QueryNames.HopWindowStart));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        HandOffDecision decision;
        lock (random)
        {
            // Random.Shared is thread-safe, a seeded test instance is not: one lock serves both.
            decision = HotPotatoRule.Decide(snapshot.Nodes, hops, now, options, random, peers.UrlOf);
        }

        if (decision.Outcome != HandOffOutcome.Move || decision.TargetUrl is null)
        {
            return null;
        }

        var score = Format.Score(NodeScore.Of(snapshot.Nodes.First(n => n.IsSelf).Metrics));
        DashboardLog.HandingOff(logger, score, decision.TargetName ?? "", decision.NextHops.Hops);
        var carried = UrlQuery.With(
            address.Carried(),
            new(QueryNames.Hops, decision.NextHops.Hops.ToString(CultureInfo.InvariantCulture)),
            new(QueryNames.HopWindowStart, decision.NextHops.WindowStartUnixSeconds.ToString(CultureInfo.InvariantCulture)));
        return UrlQuery.Rebase(decision.TargetUrl, carried);
    }

    private static string Value(PageAddress address, string name) =>
        address.Query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value ?? "";
}
