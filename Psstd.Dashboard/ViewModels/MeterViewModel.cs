namespace Psstd.Dashboard.ViewModels;

/// <summary>A used-of-total meter (memory, swap), every text already formatted.</summary>
/// <param name="Percent">Used as a whole percentage of the total, 0 to 100: the bar's length.</param>
/// <param name="Band">Colour band as a CSS token: <c>low</c>, <c>mid</c>, <c>high</c>.</param>
/// <param name="Text">What the meter prints, the way htop does: <c>3.1G/7.8G</c>.</param>
/// <param name="Detail">The long form for tooltips and the node page: <c>3.1 GiB / 7.8 GiB</c>.</param>
public sealed record MeterViewModel(int Percent, string Band, string Text, string Detail)
{
    /// <summary>
    /// htop's cache band after the used part, as a whole percentage of the total (at most 100 minus
    /// <see cref="Percent"/>); null when the agent does not report it, and the bar then has one colour, its band.
    /// </summary>
    public int? CachePercent { get; init; }

    /// <summary>The cache in words for tooltips and the node page (<c>2.0 GiB cache</c>); empty when not reported.</summary>
    public string CacheDetail { get; init; } = "";
}
