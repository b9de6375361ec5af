using Psstd.Dashboard.Charts;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Everything the compare page and its partial show; built by <see cref="CompareViewModelBuilder"/>.</summary>
/// <param name="Nodes">The compared nodes in legend order (their series keys are <c>n0</c>, <c>n1</c>, ...).</param>
/// <param name="Unknown">Requested names or ids the agent does not know (cut to <see cref="Preferences.CompareRequest.MaxNameLength"/>).</param>
/// <param name="Dropped">How many requested nodes were left out past <see cref="Preferences.CompareRequest.MaxNodes"/>.</param>
/// <param name="HistoryErrors">One sentence per node whose history could not be read.</param>
/// <param name="Choices">The picker's nodes: the compared ones first (checked), then others by name, bounded.</param>
/// <param name="ChoicesLeftOut">Nodes not listed in the picker (they can still be typed in).</param>
/// <param name="HiddenFields">The carried preferences, so submitting the picker keeps them.</param>
public sealed record CompareViewModel(
    string PageTitle,
    string ClusterName,
    string SelfName,
    IReadOnlyList<CompareNodeViewModel> Nodes,
    IReadOnlyList<string> Unknown,
    int Dropped,
    IReadOnlyList<ChartViewModel> Charts,
    IReadOnlyList<string> HistoryErrors,
    string? AgentError,
    string Range,
    IReadOnlyList<RangeLinkViewModel> RangeLinks,
    IReadOnlyList<CompareChoiceViewModel> Choices,
    int ChoicesLeftOut,
    string FormAction,
    IReadOnlyList<HiddenFieldViewModel> HiddenFields,
    string ClusterUrl,
    int RefreshSeconds,
    string RefreshUrl,
    string Theme,
    string Palette);

/// <summary>A compared node in the legend: its series key (colour), name, state and page.</summary>
public sealed record CompareNodeViewModel(string Key, string Name, string State, string PageUrl);

/// <summary>A node the picker offers, by name, ticked when it is compared now.</summary>
public sealed record CompareChoiceViewModel(string Name, bool Checked);
