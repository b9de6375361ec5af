using System.Globalization;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.ViewModels;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Trust;

namespace Psstd.Bench;

/// <summary>The view-model step alone (no Razor, no HTTP), to tell building from rendering in the partial's time.</summary>
internal static class ViewModelBench
{
    private static readonly PeerDashboards Peers = new(DashboardHosts.None);

    public static string Run(int nodes, int cores, int warmup, int samples)
    {
        var snapshot = BenchSnapshots.Cluster(nodes, cores);
        var address = new PageAddress("/", UrlQuery.Parse("sort=cpu"));
        var times = new double[samples];
        for (var i = -warmup; i < samples; i++)
        {
            var start = TimeProvider.System.GetTimestamp();
            _ = ClusterViewModelBuilder.Build(snapshot, address, Peers);
            var elapsed = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }

        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {nodes} x {cores} (view model only) | | {PartialBench.Percentile(times, 0.5):0.00} | {PartialBench.Percentile(times, 0.99):0.00} | | | | | |");
    }
}
