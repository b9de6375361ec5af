using Psstd.ClusterView;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>
/// The alerts section every cluster view shows, grid or heatmap: what fires (bounded), the silences running and
/// whether live nodes run other rules.
/// </summary>
/// <param name="Alerts">At most <see cref="AlertListBuilder.MaxShown"/>.</param>
/// <param name="FiringCount">Every alert firing now, listed or not.</param>
/// <param name="DisagreementText">Live nodes that run other alert rules, in words (<see cref="AlertsNotice"/>); else empty.</param>
/// <param name="Silences">The silences running, in words, at most <see cref="MaxSilencesShown"/>.</param>
public sealed record AlertsSectionViewModel(IReadOnlyList<AlertViewModel> Alerts, int FiringCount, string DisagreementText, IReadOnlyList<string> Silences)
{
    /// <summary>The page lists at most this many silences (a node carries at most eight, so a cluster can run many).</summary>
    public const int MaxSilencesShown = 10;

    public static AlertsSectionViewModel Empty { get; } = new([], 0, "", []);

    public static AlertsSectionViewModel Build(ClusterSnapshot snapshot, PageAddress address, string linkSuffix)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new AlertsSectionViewModel(
            AlertListBuilder.Build(snapshot.Alerts ?? [], address, linkSuffix),
            snapshot.Alerts?.Count ?? 0,
            AlertsNotice.Disagreement(snapshot),
            [.. (snapshot.Silences ?? []).Take(MaxSilencesShown).Select(AlertsNotice.Describe)]);
    }
}
