using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Eight bytes (hex) that name what an agent judges and where it notifies: its rules as parsed, and its webhook's
/// address and format (never its header, which may hold a secret). Carried in the node's record, so agents that run
/// a different rules file, or post elsewhere, see it of each other: the notifier is chosen among agents of the
/// same fingerprint, and views say when the cluster does not agree. Empty when the agent runs no rules.
/// </summary>
internal static class AlertsFingerprint
{
    public static string Of(IReadOnlyList<AlertRule> rules, AlertWebhookSettings? webhook)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var rule in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rule.Name}\u001f{rule.Metric}\u001f{rule.Comparison}\u001f{rule.Threshold:R}\u001f{rule.Clear:R}\u001f{rule.For.Ticks}\u001f{rule.Severity}\u001f");
            text.AppendJoin(',', rule.Nodes.Select(n => n.Text)).Append('\u001f');
            text.AppendJoin(',', rule.States).Append('\u001f');
            text.AppendJoin(',', rule.Tags.Select(t => $"{t.Key}={t.Value}")).Append('\u001e');
        }

        text.Append(webhook is null ? "-" : $"{webhook.Url.AbsoluteUri}\u001f{webhook.Format}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return Convert.ToHexString(hash[..8]).ToLowerInvariant();
    }
}
