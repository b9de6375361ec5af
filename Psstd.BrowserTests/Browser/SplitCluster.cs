using Psstd.Contracts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Browser;

/// <summary>
/// A small cluster for the theme, phone and layout-shift tests: nodes whose agents report the CPU split and the
/// memory cache next to one that does not (an older agent), a dense 64-core node, a stale and an offline one. Every
/// <see cref="Advance"/> changes the numbers, including their digit counts (3 % to 40 % to 100 %, load 9.99 to
/// 12.50), the way a live cluster does; the refresh interval stays calm (2 s) throughout.
/// </summary>
internal sealed class SplitCluster
{
    private readonly Lock _gate = new();
    private int _tick;
    private int _fillers;

    public static Guid IdOf(int n) => new(n, 0, 0, new byte[8]);

    /// <summary>Moves every value on; the next poll sees new numbers.</summary>
    public void Advance()
    {
        lock (_gate)
        {
            _tick++;
        }
    }

    /// <summary>Adds <paramref name="count"/> small nodes, enough to switch the grid to compact rows from 64.</summary>
    public void Fill(int count)
    {
        lock (_gate)
        {
            _fillers = count;
        }
    }

    public ClusterSnapshot Snapshot()
    {
        int tick, fillers;
        lock (_gate)
        {
            tick = _tick;
            fillers = _fillers;
        }

        NodeSnapshot[] nodes =
        [
            Node("web-1", isSelf: true, metrics: Split(4, tick, 1, 7.8 * GiB)) with { Id = IdOf(1) },
            Node("db-1", metrics: Split(16, tick, 2, 62.5 * GiB) with { Load1 = 3 + (tick % 3 * 4.5) }) with { Id = IdOf(2) },
            Node("big-1", metrics: Split(64, tick, 3, 500 * GiB) with { Load1 = tick % 2 == 0 ? 9.99 : 12.5 }) with { Id = IdOf(3) },
            Node("old-1", version: "0.0.9", metrics: Old(8, tick)) with { Id = IdOf(4) },
            Node("stale-1", health: NodeHealth.Stale, ageSeconds: 9, metrics: Old(2, tick)) with { Id = IdOf(5) },
            Node("gone-1", health: NodeHealth.Offline, ageSeconds: 190, metrics: Old(2, 0)) with { Id = IdOf(6) },
        ];
        var extra = Enumerable.Range(0, fillers).Select(i => Node($"zz-{i:D2}", metrics: Old(4, tick + i)) with { Id = IdOf(100 + i) });
        return new ClusterSnapshot("lab", IdOf(1), "web-1", LocalVersion, [.. nodes, .. extra]);
    }

    /// <summary>A slow wave per node over the asked range, so the node and compare pages have charts.</summary>
    public static NodeHistory? History(string node, DateTimeOffset since, DateTimeOffset until, TimeSpan step)
    {
        var start = since.ToUnixTimeMilliseconds() / (long)step.TotalMilliseconds * (long)step.TotalMilliseconds;
        var shift = node.Length;
        var points = new List<HistoryPoint>();
        for (var at = DateTimeOffset.FromUnixTimeMilliseconds(start); at < until; at += step)
        {
            var wave = 0.5 + (0.45 * Math.Sin((at.ToUnixTimeSeconds() / 900.0) + shift));
            points.Add(new HistoryPoint(
                at, 100 * wave, Math.Min(100, (100 * wave) + 20), (long)(wave * 8 * GiB), 16 * GiB, 0,
                4 * wave, 3 * wave, 2 * wave, (long)(wave * 50_000_000), (long)(wave * 20_000_000), (long)(wave * 120_000_000), (long)(wave * 30_000_000)));
        }

        return new NodeHistory(Guid.Empty, node, since, until, (int)step.TotalSeconds, points);
    }

    /// <summary>An agent that reports the split: every core's kernel part, the machine's shares, the cache.</summary>
    private static NodeMetrics Split(int cores, int tick, int seed, double total)
    {
        var busy = Enumerable.Range(0, cores).Select(i => (double)(((i * 37) + (tick * 29) + (seed * 11)) % 101)).ToArray();
        var kernel = busy.Select((b, i) => b * ((i + tick) % 4) / 8).ToArray();
        double[] iowait = [3, 40, 85, 0];
        var wait = iowait[(tick + seed) % iowait.Length];
        double kernelShare = 3 + (tick % 2 * 9), steal = tick % 2;
        var user = Math.Min(12 + (tick % 3 * 30), 100 - wait - kernelShare - steal);
        var totalBytes = (long)total;
        return SampleMetrics(cores) with
        {
            CoreBusyPercent = busy,
            CoreKernelPercent = kernel,
            CpuBusyPercent = 20 + (tick % 3 * 9),
            CpuShares = new CpuShares(user, kernelShare, wait, steal),
            MemoryTotalBytes = totalBytes,
            MemoryUsedBytes = totalBytes * (20 + (tick * 13 % 60)) / 100,
            MemoryAvailableBytes = totalBytes * (80 - (tick * 13 % 60)) / 100,
            MemoryCacheBytes = totalBytes * (5 + (tick * 7 % 30)) / 100,
            SwapTotalBytes = 2 * GiB,
            SwapUsedBytes = GiB * (tick % 3) / 4,
            Load1 = 0.5 + (tick % 3 * 0.7),
        };
    }

    /// <summary>An older agent: busy per core and memory used only, as before the record carried the split.</summary>
    private static NodeMetrics Old(int cores, int tick)
    {
        var busy = Enumerable.Range(0, cores).Select(i => (double)(((i * 53) + (tick * 17)) % 101) + 0.4).ToArray();
        return SampleMetrics(cores) with { CoreBusyPercent = busy, CpuBusyPercent = 15, Load1 = 0.25 + (tick % 2 * 1.5) };
    }
}
