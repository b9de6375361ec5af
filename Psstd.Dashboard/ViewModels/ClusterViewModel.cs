namespace Psstd.Dashboard.ViewModels;

/// <summary>Everything the cluster page and its partial show; built by <see cref="ClusterViewModelBuilder"/>.</summary>
/// <param name="PageTitle">The browser tab's title, <c>psstd · cluster</c>.</param>
/// <param name="Nodes">In display order (by name, case-insensitive).</param>
/// <param name="AgentError">The sentence shown instead of the cluster when the agent failed; null otherwise.</param>
/// <param name="StateCounts">One entry per health state, in the contract's order, zeros included.</param>
public sealed record ClusterViewModel(
    string PageTitle,
    string ClusterName,
    string SelfName,
    IReadOnlyList<NodeCellViewModel> Nodes,
    string? AgentError,
    IReadOnlyList<StateCountViewModel> StateCounts);
