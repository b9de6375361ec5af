namespace Psstd.Dashboard.ViewModels;

/// <summary>One logical core's bar; its position in the list is its number (<c>cpu3</c> is index 3).</summary>
/// <param name="Percent">Busy over the last interval, 0 to 100.</param>
/// <param name="Band">Colour band as a CSS token: <c>low</c>, <c>mid</c>, <c>high</c>.</param>
/// <remarks>A value type: a 1,000-node x 16-core page holds 16,000 of them, one array per node.</remarks>
public readonly record struct CoreBarViewModel(int Percent, string Band);
