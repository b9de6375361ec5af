namespace Psstd.Dashboard.ViewModels;

/// <summary>Everything the cluster page and its partial show; built by <see cref="ClusterViewModelBuilder"/>.</summary>
/// <param name="PageTitle">The browser tab's title, <c>psstd · cluster</c>.</param>
/// <param name="Nodes">The visible nodes, in display order; forgotten nodes never are.</param>
/// <param name="AgentError">The sentence shown instead of the cluster when the agent failed; null otherwise.</param>
/// <param name="StateCounts">Per health state over all nodes (filters do not change it); rare states only when present.</param>
/// <param name="TotalNodes">Every node the agent knows, shown or not.</param>
/// <param name="HottestText">Busiest fresh node and its score, e.g. <c>web-3 92%</c>; empty unless two or more are fresh.</param>
/// <param name="QuietestText">Least loaded fresh node other than the hottest, and its score.</param>
/// <param name="RefreshSeconds">The polling interval this answer asks for (<see cref="LoadRules.RefreshIntervalRule"/>).</param>
/// <param name="RefreshUrl">The URL the page polls: the one it was opened with, pins and preferences included.</param>
/// <param name="Compact">Large cluster: one dense row per node instead of a grid of cells.</param>
public sealed record ClusterViewModel(
    string PageTitle,
    string ClusterName,
    string SelfName,
    IReadOnlyList<NodeCellViewModel> Nodes,
    string? AgentError,
    IReadOnlyList<StateCountViewModel> StateCounts,
    int TotalNodes,
    string HottestText,
    string QuietestText,
    int RefreshSeconds,
    string RefreshUrl,
    bool Compact,
    ControlsViewModel Controls)
{
    /// <summary>The one fresh node and its score when there is exactly one; hottest and quietest are then empty.</summary>
    public string OnlyFreshText { get; init; } = "";

    /// <summary>
    /// Why ages run longer than the sampling interval in a cluster past the gossip budget
    /// (<see cref="Psstd.ClusterView.PaceNotice"/>); empty while the agent publishes every interval.
    /// </summary>
    public string PacedText { get; init; } = "";

    /// <summary>"gossip is not authenticated" while the agent gossips unkeyed beyond loopback (<see cref="Psstd.ClusterView.TrustNotice"/>); else empty.</summary>
    public string UnauthenticatedText { get; init; } = "";

    /// <summary>The alerts section: what fires under the agent's rules, the silences, nodes on other rules.</summary>
    public AlertsSectionViewModel AlertsSection { get; init; } = AlertsSectionViewModel.Empty;

    /// <summary>Forgotten nodes (hidden from the grid), by name, linked to their node pages; at most a few.</summary>
    public IReadOnlyList<ForgottenLinkViewModel> Forgotten { get; init; } = [];

    /// <summary>This page as a heatmap (<c>view=heatmap</c>), everything else kept.</summary>
    public string HeatmapUrl { get; init; } = "/?view=heatmap";

    /// <summary>Sentences about query values that were ignored or replaced by a default (a bad tag filter, say).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The compare page (its picker lists the nodes), preferences kept.</summary>
    public string CompareUrl { get; init; } = "/compare";
}
