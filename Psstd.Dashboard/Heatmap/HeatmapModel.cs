namespace Psstd.Dashboard.Heatmap;

/// <summary>The squares of a heatmap in their groups, and a key that names the layout.</summary>
/// <param name="LayoutKey">
/// Hex digest of the group labels and node ids in order: equal keys mean the same squares in the same places, so a
/// browser can be sent changed squares alone; a different key means it must load the page again.
/// </param>
public sealed record HeatmapModel(IReadOnlyList<HeatmapGroup> Groups, string LayoutKey)
{
    public int Count => Groups.Sum(g => g.Squares.Count);

    public IEnumerable<HeatmapSquare> Squares => Groups.SelectMany(g => g.Squares);

    /// <summary>Each square's state by node id: the baseline the next update is compared with.</summary>
    public IReadOnlyDictionary<Guid, SquareState> States()
    {
        var states = new Dictionary<Guid, SquareState>(Count);
        foreach (var square in Squares)
        {
            states[square.Id] = square.State;
        }

        return states;
    }
}
