using Psstd.Bench.Processes;

namespace Psstd.Bench.Versus;

/// <summary>CPU (percent of one core) over a window and RSS at its end, per process, read from /proc.</summary>
internal static class Footprint
{
    public static async Task<List<(double CpuPercent, double RssMib)>> MeasureAsync(
        IReadOnlyList<BenchProcess> processes, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = processes.Select(p => p.CpuTime()).ToArray();
        var start = TimeProvider.System.GetTimestamp();
        await Task.Delay(window, TimeProvider.System, cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(start);
        return [.. processes.Select((p, i) => ((p.CpuTime() - before[i]) / elapsed * 100, p.RssMib()))];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
