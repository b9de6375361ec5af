using Psstd.Contracts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Heatmap;

/// <summary>Nodes for the heatmap tests: a chosen CPU figure and tags.</summary>
internal static class HeatmapNodes
{
    public static NodeSnapshot WithCpu(string name, double cpu, NodeHealth health = NodeHealth.Fresh, params (string Key, string Value)[] tags) =>
        Node(name, health, metrics: SampleMetrics(4) with { CpuBusyPercent = cpu }) with
        {
            Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };
}
