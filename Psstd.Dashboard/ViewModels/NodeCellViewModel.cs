namespace Psstd.Dashboard.ViewModels;

/// <summary>One node's cell on the cluster page, every text already formatted.</summary>
/// <param name="DomId">Stable element id (from the node id), so swaps keep focus and open details on the same node.</param>
/// <param name="State">Health as a CSS token that doubles as the label: fresh, stale, suspect, offline, left, forgotten.</param>
/// <param name="FreshnessText">How current the cell is in its state's words, e.g. <c>updated 3s ago</c>, <c>offline 3m</c>.</param>
/// <param name="DenseCores">More cores than meters fit (above 32): a dense strip instead, with the busiest named above it.</param>
/// <param name="BusiestCores">The busiest cores' numbers, busiest first; filled only when <paramref name="DenseCores"/>.</param>
/// <param name="CpuPercent">Whole-machine CPU busy, 0 to 100.</param>
/// <param name="Memory">Memory used of total (<c>3.1G/15.5G</c>).</param>
/// <param name="Swap">Swap used of total (<c>0K/0K</c> without swap, as htop prints it).</param>
/// <param name="LoadText">Load 1/5/15, e.g. <c>0.42 0.35 0.30</c>.</param>
/// <param name="DiskText">Read and write rates, e.g. <c>r 1.0 MiB/s w 0 B/s</c>.</param>
/// <param name="NetText">Receive and transmit rates, e.g. <c>rx 1.0 KiB/s tx 512 B/s</c>.</param>
/// <param name="LinkUrl">The node's own dashboard with this page's preferences and pin; null when it has none.</param>
/// <param name="VersionMismatch">The node runs another agent version than the local one.</param>
/// <param name="PageUrl">This dashboard's page for the node (<c>/nodes/{name}</c>) with this page's preferences and pin.</param>
public sealed record NodeCellViewModel(
    string DomId,
    string Name,
    string State,
    string FreshnessText,
    IReadOnlyList<CoreBarViewModel> Cores,
    bool DenseCores,
    IReadOnlyList<int> BusiestCores,
    int CpuPercent,
    MeterViewModel Memory,
    MeterViewModel Swap,
    string LoadText,
    string DiskText,
    string NetText,
    string UptimeText,
    string ScoreText,
    string? LinkUrl,
    bool IsSelf,
    string Version,
    bool VersionMismatch,
    string PageUrl)
{
    /// <summary>The machine's CPU time by kind (user, kernel, I/O wait, steal); null from an agent that does not report it.</summary>
    public CpuSplitViewModel? CpuSplit { get; init; }

    /// <summary>The node's tags as <c>key=value</c> separated by spaces; empty without tags. Peer text: encode it.</summary>
    public string TagsText { get; init; } = "";
}
