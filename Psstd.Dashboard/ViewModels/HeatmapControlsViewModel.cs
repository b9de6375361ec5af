namespace Psstd.Dashboard.ViewModels;

/// <summary>The heatmap's form (metric, grouping, filters, theme) and its tag filters with links that remove each.</summary>
/// <param name="HiddenFields">Carried parameters the form does not edit (view, tag filters, pins).</param>
public sealed record HeatmapControlsViewModel(
    string FormAction,
    IReadOnlyList<HiddenFieldViewModel> HiddenFields,
    IReadOnlyList<OptionViewModel> Metrics,
    IReadOnlyList<OptionViewModel> Groupings,
    IReadOnlyList<TagFilterViewModel> TagFilters,
    string Filter,
    bool HideStale,
    bool HideOffline,
    string Theme,
    string Palette,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Palettes);

/// <summary>One option of a select.</summary>
public sealed record OptionViewModel(string Value, string Label, bool Selected);

/// <summary>An active tag filter (<c>rack=a</c>) and this page without it.</summary>
public sealed record TagFilterViewModel(string Text, string RemoveUrl);
