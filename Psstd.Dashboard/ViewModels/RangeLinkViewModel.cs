namespace Psstd.Dashboard.ViewModels;

/// <summary>One choice of the range control: its label, the same page's URL with that range, whether it is shown now.</summary>
public sealed record RangeLinkViewModel(string Token, string Url, bool Active);
