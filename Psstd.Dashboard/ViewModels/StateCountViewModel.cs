namespace Psstd.Dashboard.ViewModels;

/// <summary>How many nodes are in one health state; <paramref name="State"/> is the CSS token and label.</summary>
public sealed record StateCountViewModel(string State, int Count);
