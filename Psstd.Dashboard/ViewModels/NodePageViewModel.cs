using Psstd.Dashboard.Charts;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Everything the node page and its partial show; built by <see cref="NodePageViewModelBuilder"/>.</summary>
/// <param name="NodeName">The name the page was asked for (shown even when there is no such node).</param>
/// <param name="Node">The node's current state, formatted as on the cluster page; null without an agent or a node.</param>
/// <param name="Facts">Identity and other details as label/value pairs (id, generation, gossip address...).</param>
/// <param name="Charts">The last hour as sparklines; empty when the history could not be read.</param>
/// <param name="HistoryError">Why there are no charts; null when there are.</param>
/// <param name="EventsError">Why there are no events; null when the agent answered.</param>
/// <param name="AgentError">The sentence shown instead of the node when the agent failed; null otherwise.</param>
/// <param name="NotFound">The agent answered but knows no node of that name.</param>
/// <param name="ClusterUrl">Back to the cluster page, pins and preferences kept.</param>
/// <param name="RefreshUrl">The URL the page polls: the one it was opened with.</param>
/// <param name="Range">The range charted (<c>1h</c>, <c>6h</c>, <c>24h</c>).</param>
/// <param name="RangeLinks">The same page at each range.</param>
/// <param name="CompareUrl">The compare page with this node chosen.</param>
public sealed record NodePageViewModel(
    string PageTitle,
    string ClusterName,
    string SelfName,
    string NodeName,
    NodeCellViewModel? Node,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<ChartViewModel> Charts,
    string? HistoryError,
    IReadOnlyList<EventViewModel> Events,
    string? EventsError,
    string? AgentError,
    bool NotFound,
    string ClusterUrl,
    string CsvUrl,
    string NdjsonUrl,
    int RefreshSeconds,
    string RefreshUrl,
    string Theme,
    string Palette,
    string Range,
    IReadOnlyList<RangeLinkViewModel> RangeLinks,
    string CompareUrl)
{
    /// <summary>Alerts firing now about this node.</summary>
    public IReadOnlyList<AlertViewModel> Alerts { get; init; } = [];
}
