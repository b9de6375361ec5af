using Psstd.Contracts;

namespace Psstd.Dashboard.Heatmap;

/// <summary>One node's square: its node (for the texts, written only when needed) and the colour bucket of the metric.</summary>
/// <param name="Bucket">0 to 9 (<see cref="HeatmapMetrics.Bucket(double?)"/>), or <see cref="HeatmapMetrics.NoValue"/>.</param>
public sealed record HeatmapSquare(NodeSnapshot Node, int Bucket)
{
    public Guid Id => Node.Id;

    /// <summary>What a browser draws of the square; a live update is sent only when this changes.</summary>
    public SquareState State => new(Bucket, Node.Health);
}
