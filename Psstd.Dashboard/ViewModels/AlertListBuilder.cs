using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>The firing alerts the agent reports, bounded for the page: the most severe first, as the agent orders them.</summary>
public static class AlertListBuilder
{
    /// <summary>The page lists at most this many alerts; the count covers them all.</summary>
    public const int MaxShown = 50;

    public static IReadOnlyList<AlertViewModel> Build(IReadOnlyList<FiringAlert> alerts, PageAddress address, string linkSuffix)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(address);
        return [.. alerts.Take(MaxShown).Select(a => new AlertViewModel(
            SeverityOf(a.Severity),
            a.Rule,
            a.NodeName,
            NodeLinks.Page(address.PathBase, a.NodeName) + linkSuffix,
            a.Value,
            a.Condition,
            a.Since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            a.Notifier,
            a.Silenced))];
    }

    /// <summary>Only the three known severities reach the page (they become a CSS class); anything else reads as a warning.</summary>
    private static string SeverityOf(string severity) => severity is "critical" or "info" ? severity : "warning";
}
