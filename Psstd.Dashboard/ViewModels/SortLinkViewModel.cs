namespace Psstd.Dashboard.ViewModels;

/// <summary>One sort choice; clicking the active one flips the direction.</summary>
/// <param name="Url">This page with the sort applied, every other parameter kept.</param>
/// <param name="Arrow">Shown next to the active key: ▲ ascending, ▼ descending; empty otherwise.</param>
public sealed record SortLinkViewModel(string Key, string Label, string Url, bool Active, string Arrow);
