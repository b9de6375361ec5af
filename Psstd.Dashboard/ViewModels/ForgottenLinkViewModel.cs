namespace Psstd.Dashboard.ViewModels;

/// <summary>A forgotten node named in the summary: the grid hides it, its node page still shows it.</summary>
public sealed record ForgottenLinkViewModel(string Name, string PageUrl);
