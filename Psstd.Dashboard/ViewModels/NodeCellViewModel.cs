namespace Psstd.Dashboard.ViewModels;

/// <summary>One node's cell on the cluster page, every text already formatted.</summary>
/// <param name="State">Health as a CSS token that doubles as the label: fresh, stale, offline.</param>
/// <param name="UpdatedText">Freshness on the local agent's monotonic clock, e.g. <c>updated 3s ago</c>.</param>
/// <param name="DenseCores">Many cores: the bars switch to a denser layout so the cell stays readable.</param>
/// <param name="MemoryText">Used over total, e.g. <c>3.1 GiB / 15.5 GiB</c>.</param>
/// <param name="LoadText">Load 1/5/15, e.g. <c>0.42 0.35 0.30</c>.</param>
/// <param name="LinkUrl">The node's own dashboard; null when it has none (or announced something that is not http/https).</param>
/// <param name="VersionMismatch">The node runs another agent version than the local one.</param>
public sealed record NodeCellViewModel(
    string Name,
    string State,
    string UpdatedText,
    IReadOnlyList<CoreBarViewModel> Cores,
    bool DenseCores,
    int MemoryPercent,
    string MemoryText,
    string LoadText,
    string? LinkUrl,
    bool IsSelf,
    string Version,
    bool VersionMismatch);
