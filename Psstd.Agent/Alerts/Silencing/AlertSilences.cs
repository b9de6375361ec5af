using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;

namespace Psstd.Agent.Alerts.Silencing;

/// <summary>Whether a running silence holds an alert back.</summary>
internal static class AlertSilences
{
    /// <summary>An honoured silence whose rule and node patterns (glob; empty: any) both match.</summary>
    public static bool Match(IReadOnlyList<AlertSilence> silences, string rule, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(silences);
        foreach (var silence in silences)
        {
            if (silence.Honoured && Matches(silence.Rule, rule) && Matches(silence.Node, nodeName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string pattern, string value) => pattern.Length == 0 || new NodePattern(pattern).Matches(value);
}
