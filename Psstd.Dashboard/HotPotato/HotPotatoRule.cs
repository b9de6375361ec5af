using Psstd.Contracts;
using Psstd.Dashboard.LoadRules;

namespace Psstd.Dashboard.HotPotato;

/// <summary>
/// Whether a browser on this node should move to a quieter peer. Pure: the clock and the dice are
/// arguments, so tests pin both.
/// </summary>
public static class HotPotatoRule
{
    /// <summary>
    /// Steps: (1) stay unless this node's score is above the threshold; (2) stay when the browser already made
    /// <see cref="HotPotatoOptions.MaxHops"/> hops in a window that has not run out; (3) candidates are fresh peers
    /// with a dashboard the trust rules allow whose score is at least the margin below ours; (4) pick uniformly among the
    /// <see cref="HotPotatoOptions.Spread"/> quietest (ties by name) and count the hop, starting a new window
    /// when the old one ran out.
    /// </summary>
    /// <param name="nowUnixSeconds">The current time, from the caller's TimeProvider.</param>
    /// <param name="random">Chooses among the quietest; any draw is fine, it only has to spread browsers.</param>
    /// <param name="dashboardOf">A peer's dashboard URL the browser may be sent to, or null (see <see cref="Trust.PeerDashboards"/>).</param>
    public static HandOffDecision Decide(
        IReadOnlyList<NodeSnapshot> nodes,
        HopState hops,
        long nowUnixSeconds,
        HotPotatoOptions options,
        Random random,
        Func<NodeSnapshot, string?> dashboardOf)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(hops);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(dashboardOf);
        if (!options.Enabled)
        {
            return HandOffDecision.Stay(HandOffOutcome.Disabled, hops);
        }

        var self = nodes.FirstOrDefault(n => n.IsSelf);
        if (self is null)
        {
            return HandOffDecision.Stay(HandOffOutcome.UnknownSelf, hops);
        }

        var selfScore = NodeScore.Of(self.Metrics);
        if (selfScore <= options.Threshold)
        {
            return HandOffDecision.Stay(HandOffOutcome.NotBusy, hops);
        }

        var windowOpen = hops.Hops > 0 && nowUnixSeconds - hops.WindowStartUnixSeconds < (long)options.Window.TotalSeconds;
        if (windowOpen && hops.Hops >= options.MaxHops)
        {
            return HandOffDecision.Stay(HandOffOutcome.HopLimit, hops);
        }

        var quietest = nodes
            .Where(n => !n.IsSelf && n.Health == NodeHealth.Fresh)
            .Select(n => (Node: n, Url: dashboardOf(n), Score: NodeScore.Of(n.Metrics)))
            .Where(c => c.Url is not null)
            .Where(c => c.Score <= selfScore - options.Margin)
            .OrderBy(c => c.Score)
            .ThenBy(c => c.Node.Name, StringComparer.Ordinal)
            .Take(Math.Max(1, options.Spread))
            .ToArray();
        if (quietest.Length == 0)
        {
            return HandOffDecision.Stay(HandOffOutcome.NoCandidate, hops);
        }

        var target = quietest[random.Next(quietest.Length)];
        var next = windowOpen ? hops with { Hops = hops.Hops + 1 } : new HopState(1, nowUnixSeconds);
        return new HandOffDecision(HandOffOutcome.Move, target.Node.Name, target.Url, next);
    }
}
