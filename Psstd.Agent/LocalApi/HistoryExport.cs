using System.Globalization;
using System.Text;
using System.Text.Json;
using Psstd.Contracts;

namespace Psstd.Agent.LocalApi;

/// <summary>History points as CSV (a header line, then one line per point) or NDJSON (one JSON point per line).</summary>
internal static class HistoryExport
{
    public const string CsvHeader =
        "at,cpu_busy_percent,cpu_max_core_percent,memory_used_bytes,memory_total_bytes,swap_used_bytes,"
        + "load1,load5,load15,disk_read_bytes_per_second,disk_write_bytes_per_second,net_rx_bytes_per_second,net_tx_bytes_per_second";

    public static string Csv(IReadOnlyList<HistoryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var text = new StringBuilder(CsvHeader.Length + (points.Count * 96));
        text.Append(CsvHeader).Append('\n');
        foreach (var p in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{p.CpuBusyPercent},{p.CpuMaxCorePercent},{p.MemoryUsedBytes},{p.MemoryTotalBytes},{p.SwapUsedBytes},")
                .Append(CultureInfo.InvariantCulture, $"{p.Load1},{p.Load5},{p.Load15},{p.DiskReadBytesPerSecond},{p.DiskWriteBytesPerSecond},{p.NetRxBytesPerSecond},{p.NetTxBytesPerSecond}\n");
        }

        return text.ToString();
    }

    public static string Ndjson(IReadOnlyList<HistoryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var text = new StringBuilder(points.Count * 256);
        foreach (var p in points)
        {
            text.Append(JsonSerializer.Serialize(p, LocalApiJsonContext.Default.HistoryPoint)).Append('\n');
        }

        return text.ToString();
    }
}
