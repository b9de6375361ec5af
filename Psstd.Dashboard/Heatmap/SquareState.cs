using Psstd.Contracts;

namespace Psstd.Dashboard.Heatmap;

/// <summary>What a square shows: its colour bucket and its node's health (drawn as a mark, not only a colour).</summary>
public readonly record struct SquareState(int Bucket, NodeHealth Health);
