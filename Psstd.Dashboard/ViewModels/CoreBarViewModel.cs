namespace Psstd.Dashboard.ViewModels;

/// <summary>One logical core's bar.</summary>
/// <param name="Label">The core as /proc/stat names it, e.g. <c>cpu3</c>.</param>
/// <param name="Percent">Busy over the last interval, 0 to 100.</param>
/// <param name="Title">Tooltip text, e.g. <c>cpu3 37%</c>.</param>
/// <param name="Band">Colour band as a CSS token: <c>low</c>, <c>mid</c>, <c>high</c>.</param>
public sealed record CoreBarViewModel(string Label, int Percent, string Title, string Band);
