using System.Globalization;
using System.Text.Json;
using Psstd.AppHost.Model;
using Psstd.Bench.Processes;
using Psstd.Contracts;

namespace Psstd.Bench.Versus;

/// <summary>
/// <c>versus-serf --nodes N [--agent PATH] [--window S]</c>: N psstd agents and N Serf agents on loopback at once, so
/// both meet the same machine; after they converge and settle, CPU and RSS per agent over one window, then a
/// <c>kill -9</c> of one agent of each (seconds until every other observer no longer shows it alive) and a graceful
/// leave of another (until every observer shows it left). The last line is one JSON object.
/// </summary>
internal static class VersusSerfCommand
{
    public const string Usage = "usage: dotnet run -c Release --project bench/Psstd.Bench -- versus-serf --nodes N [--agent PATH] [--window SECONDS]";

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Give = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(ReadOnlyMemory<string> arguments)
    {
        var args = arguments.Span;
        int nodes = 10, window = 30;
        var agent = ChildBinaries.FromBuild().Agent;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--nodes" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 3:
                    nodes = n;
                    break;
                case "--window" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var w) && w >= 5:
                    window = w;
                    break;
                case "--agent" when File.Exists(args[i + 1]):
                    agent = Path.GetFullPath(args[i + 1]);
                    break;
                default:
                    Console.Error.WriteLine(Usage + " (--nodes at least 3, --window at least 5)");
                    return 2;
            }
        }

        SerfCluster.EnsureInstalled();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = cancel.Token;
        await using var psstd = await BenchCluster.StartAsync(nodes, agent, null, ct);
        using var serf = await SerfCluster.StartAsync(nodes, ct);
        Console.Error.WriteLine($"both clusters converged ({nodes} nodes each); settling {Settle.TotalSeconds:0} s, then measuring {window} s");
        await Task.Delay(Settle, TimeProvider.System, ct);

        var psstdProcesses = psstd.Members.Select(m => m.Agent).ToList();
        var serfProcesses = serf.Members.Select(m => m.Process).ToList();
        var measured = await Footprint.MeasureAsync([.. psstdProcesses, .. serfProcesses], TimeSpan.FromSeconds(window), ct);
        var ours = measured.Take(nodes).ToList();
        var theirs = measured.Skip(nodes).ToList();

        // One of each killed at once, then one of each leaving at once: both meet the same load.
        var victim = nodes - 1;
        psstd.Members[victim].Agent.Signal("KILL");
        serf.Members[victim].Process.Signal("KILL");
        var (psstdDetect, serfDetect) = await BothAsync(
            ObserveAsync(psstd, victim, NodeHealth.Suspect, ct),
            ObserveAsync(serf, victim, "failed", ct));

        var leaver = nodes - 2;
        psstd.Members[leaver].Agent.Signal("TERM");
        serf.Members[leaver].Process.Signal("INT");
        var (psstdLeave, serfLeave) = await BothAsync(
            ObserveAsync(psstd, leaver, NodeHealth.Left, ct, skip: victim),
            ObserveAsync(serf, leaver, "left", ct, skip: victim));

        var result = new Dictionary<string, object>
        {
            ["nodes"] = nodes,
            ["window_s"] = window,
            ["psstd_rss_mib_median"] = Round(Footprint.Median(ours.Select(o => o.RssMib))),
            ["serf_rss_mib_median"] = Round(Footprint.Median(theirs.Select(o => o.RssMib))),
            ["psstd_cpu_pct_median"] = Round(Footprint.Median(ours.Select(o => o.CpuPercent))),
            ["serf_cpu_pct_median"] = Round(Footprint.Median(theirs.Select(o => o.CpuPercent))),
            ["psstd_detect_p50_s"] = Round(Footprint.Median(psstdDetect)),
            ["psstd_detect_max_s"] = Round(psstdDetect.DefaultIfEmpty(double.NaN).Max()),
            ["serf_detect_p50_s"] = Round(Footprint.Median(serfDetect)),
            ["serf_detect_max_s"] = Round(serfDetect.DefaultIfEmpty(double.NaN).Max()),
            ["psstd_leave_max_s"] = Round(psstdLeave.DefaultIfEmpty(double.NaN).Max()),
            ["serf_leave_max_s"] = Round(serfLeave.DefaultIfEmpty(double.NaN).Max()),
            ["agent"] = agent,
        };
        result["rss_ratio"] = Round((double)result["psstd_rss_mib_median"] / (double)result["serf_rss_mib_median"]);
        result["cpu_ratio"] = Round((double)result["psstd_cpu_pct_median"] / (double)result["serf_cpu_pct_median"]);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Seconds until each observer (not the subject, not <paramref name="skip"/>) holds the psstd subject at <paramref name="atLeast"/> or worse.</summary>
    private static async Task<List<double>> ObserveAsync(BenchCluster cluster, int subject, NodeHealth atLeast, CancellationToken ct, int skip = -1)
    {
        var name = cluster.Members[subject].Name;
        var observers = cluster.Members.Where((_, i) => i != subject && i != skip).ToList();
        return await TimeEachAsync(observers.Count, async index =>
        {
            var snapshot = await observers[index].SnapshotAsync(ct);
            var node = snapshot.Nodes.FirstOrDefault(n => n.Name == name);
            return node is null || node.Health >= atLeast;
        }, ct);
    }

    /// <summary>Seconds until each Serf observer shows the subject with <paramref name="status"/> (or no longer alive, for failures).</summary>
    private static async Task<List<double>> ObserveAsync(SerfCluster cluster, int subject, string status, CancellationToken ct, int skip = -1)
    {
        var name = cluster.Members[subject].Name;
        var observers = cluster.Members.Where((_, i) => i != subject && i != skip).ToList();
        return await TimeEachAsync(observers.Count, async index =>
        {
            var view = await SerfCluster.ViewAsync(observers[index].Rpc, ct);
            return view.TryGetValue(name, out var seen) && (seen == status || (status == "failed" && seen is not "alive"));
        }, ct);
    }

    /// <summary>Asks every observer in turn until each has said yes once; the seconds from now to each one's first yes.</summary>
    private static async Task<List<double>> TimeEachAsync(int observers, Func<int, Task<bool>> sees, CancellationToken ct)
    {
        var start = TimeProvider.System.GetTimestamp();
        var seen = new double?[observers];
        while (seen.Any(s => s is null) && TimeProvider.System.GetElapsedTime(start) < Give)
        {
            for (var i = 0; i < observers; i++)
            {
                if (seen[i] is null && await sees(i))
                {
                    seen[i] = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct);
        }

        return [.. seen.Select(s => s ?? double.NaN)];
    }

    private static async Task<(T First, T Second)> BothAsync<T>(Task<T> first, Task<T> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }

    private static double Round(double value) => Math.Round(value, 3);
}
