namespace Psstd.Dashboard.Heatmap;

/// <summary>What colours a heatmap square (<c>metric</c> in the query). Every one is a share, 0 to 100 %.</summary>
public enum HeatmapMetric
{
    /// <summary>Whole-machine CPU busy.</summary>
    Cpu,

    /// <summary>Memory used of total.</summary>
    Memory,

    /// <summary>Load over the last minute per logical core; 1.0 per core (and more) is the top bucket.</summary>
    Load,

    /// <summary>Root file system used of its size.</summary>
    Disk,

    /// <summary>Swap used of total; a node without swap has no value.</summary>
    Swap,
}
