namespace Psstd.Dashboard.Heatmap;

/// <summary>Which squares a browser must redraw. Pure.</summary>
public static class HeatmapDelta
{
    /// <summary>
    /// The squares of <paramref name="now"/> whose bucket or health differs from <paramref name="before"/>, in page
    /// order; a square missing from <paramref name="before"/> counts as changed. Values that move within a bucket do
    /// not count: the browser would draw the same square.
    /// </summary>
    public static IReadOnlyList<HeatmapSquare> Between(IReadOnlyDictionary<Guid, SquareState> before, HeatmapModel now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var changed = new List<HeatmapSquare>();
        foreach (var square in now.Squares)
        {
            if (!before.TryGetValue(square.Id, out var old) || old != square.State)
            {
                changed.Add(square);
            }
        }

        return changed;
    }
}
