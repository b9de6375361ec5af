namespace Psstd.Dashboard.ViewModels;

/// <summary>One logical core's meter; its position in the list is its number (<c>cpu3</c> is index 3).</summary>
/// <param name="Percent">Busy over the last interval as a whole number from 0 to 100: the bar's length.</param>
/// <param name="Tenths">The same in tenths of a percent (0 to 1000): the text, <c>45.3%</c>, and the colour band.</param>
/// <param name="Band">Colour band as a CSS token: <c>low</c>, <c>mid</c>, <c>high</c>.</param>
/// <remarks>A value type: a 1,000-node x 16-core page holds 16,000 of them, one array per node.</remarks>
public readonly record struct CoreBarViewModel(int Percent, int Tenths, string Band)
{
    /// <summary>
    /// The kernel's part of <see cref="Tenths"/>, never more than it (the rest of busy is the user's); null when the
    /// agent does not report it, and the bar then has one colour, its band.
    /// </summary>
    public int? KernelTenths { get; init; }
}
