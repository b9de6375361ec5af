namespace Psstd.Dashboard.ViewModels;

/// <summary>The sort links and the filter/display form, already filled from the URL.</summary>
/// <param name="FormAction">The page's path; the form submits with GET so it works without JavaScript.</param>
/// <param name="HiddenFields">Every current parameter the form does not edit itself.</param>
public sealed record ControlsViewModel(
    string FormAction,
    IReadOnlyList<HiddenFieldViewModel> HiddenFields,
    IReadOnlyList<SortLinkViewModel> SortLinks,
    string Filter,
    bool HideStale,
    bool HideOffline,
    string Theme,
    string Palette,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Palettes);
