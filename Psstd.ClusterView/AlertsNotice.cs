using System.Globalization;
using Psstd.Contracts;

namespace Psstd.ClusterView;

/// <summary>What the dashboard, the terminal and <c>doctor</c> say about alerting beyond the firing list: written once, here.</summary>
public static class AlertsNotice
{
    /// <summary>
    /// "2 nodes run other alert rules or none: they are not asked to notify", counting live nodes whose alerts
    /// fingerprint differs from this agent's; empty when every live node agrees, or this agent runs no rules.
    /// </summary>
    public static string Disagreement(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var own = snapshot.Nodes.FirstOrDefault(n => n.IsSelf)?.AlertsFingerprint ?? "";
        if (own.Length == 0)
        {
            return "";
        }

        var others = snapshot.Nodes.Count(n => n.Health is NodeHealth.Fresh or NodeHealth.Stale && !string.Equals(n.AlertsFingerprint, own, StringComparison.Ordinal));
        return others switch
        {
            0 => "",
            1 => "1 node runs other alert rules or none: it is not asked to notify",
            _ => $"{others} nodes run other alert rules or none: they are not asked to notify",
        };
    }

    /// <summary>One silence in words: "cpu-* on web-? for 1h 30m more (kernel upgrade), set on node-1".</summary>
    public static string Describe(AlertSilence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var rule = silence.Rule.Length == 0 ? "every rule" : silence.Rule;
        var node = silence.Node.Length == 0 ? "every node" : silence.Node;
        var comment = silence.Comment.Length == 0 ? "" : $" ({silence.Comment})";
        var honoured = silence.Honoured ? "" : ", not honoured: gossip is not authenticated";
        return $"{rule} on {node} for {Remaining(silence.RemainingSeconds)} more{comment}, set on {silence.OriginName}{honoured}";
    }

    private static string Remaining(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(seconds)));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes}m")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m") : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }
}
