using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;

namespace Psstd.Bench.Netns;

/// <summary>
/// How long <c>--netns</c> takes to build and to remove its network (bridge, namespaces, veth pairs,
/// addresses, routes) before any process starts: the AppHost's own overhead per run. Linux, root.
/// </summary>
internal static class NetnsSetupBench
{
    public static string Run(int nodes, int runs)
    {
        var create = new List<double>(runs);
        var remove = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var topology = NetnsModel.Build(new NetnsSpec(Environment.ProcessId, NetnsNetwork.FreeSubnet()), nodes);
            var start = TimeProvider.System.GetTimestamp();
            var network = NetnsNetwork.Create(topology);
            create.Add(TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
            start = TimeProvider.System.GetTimestamp();
            network.Dispose();
            remove.Add(TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {nodes} | {runs} | {Median(create):0} | {create.Max():0} | {Median(remove):0} | {remove.Max():0} |");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
