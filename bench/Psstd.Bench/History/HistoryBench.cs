using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Psstd.Agent.Configuration;
using Psstd.Agent.Identity;
using Psstd.Agent.Store;
using Psstd.Bench.Simulation;
using Psstd.Contracts;
using Psstd.Dashboard;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.HotPotato;
using Psstd.Gossip.Cluster;

namespace Psstd.Bench.History;

/// <summary>
/// The node and compare pages over a full store: a real SQLite store holding, for each of 8 nodes, what the agent
/// keeps after a day (the raw hour at a point a second, 23 hours of one-minute points), the agent's own history query,
/// and the real dashboard pipeline in memory (TestServer). Times are request to last body byte, one at a time;
/// the agent query is timed on its own as well.
/// </summary>
internal static class HistoryBench
{
    private const int Nodes = 8;

    private static readonly string[] Columns = ["$id", "$at", "$span", "$cpu", "$cpu_max", "$mem", "$mem_total", "$l1", "$l5", "$l15", "$dr", "$dw", "$rx", "$tx"];

    public static async Task<string> RunAsync(int samples)
    {
        var directory = Path.Combine(Path.GetTempPath(), "psstd-bench-history-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return await MeasureAsync(directory, samples);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(string directory, int samples)
    {
        var now = TimeProvider.System.GetUtcNow();
        var snapshot = BenchSnapshots.Cluster(Nodes, 16);
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_DB"] = directory }, "bench");
        var status = new StoreStatus();
        var clock = new SimClock();
        using var writer = new StoreWriter(settings, new ClusterState(clock), new NodeIdentity(Guid.NewGuid(), 1), status, clock, new Psstd.Agent.Events.EventJournal(), NullLogger<StoreWriter>.Instance);
        writer.Open();
        var rows = Fill(Path.Combine(settings.StateDirectory, StoreSchema.FileName), snapshot, now);
        var store = status.Queries!;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"store: {Nodes} nodes, {rows:N0} history rows, {status.Store!.Size().TotalBytes / 1048576.0:0.0} MiB with its WAL");
        text.AppendLine();
        text.AppendLine("| agent query (one node) | points | median ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (label, length, step) in new[] { ("1 h at 30 s", TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)), ("6 h at 1 min", TimeSpan.FromHours(6), TimeSpan.FromMinutes(1)), ("24 h at 4 min", TimeSpan.FromHours(24), TimeSpan.FromMinutes(4)), ("24 h raw (the export)", TimeSpan.FromHours(24), TimeSpan.FromSeconds(1)) })
        {
            var times = new double[samples];
            var count = 0;
            for (var i = 0; i < samples; i++)
            {
                var start = TimeProvider.System.GetTimestamp();
                count = store.History(snapshot.Nodes[0].Id, now - length, now, step).Count;
                times[i] = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {count} | {PartialBench.Percentile(times, 0.5):0.00} | {PartialBench.Percentile(times, 0.99):0.00} |");
        }

        await using var factory = new WebApplicationFactory<DashboardMarker>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IAgentClient>();
                services.AddSingleton<IAgentClient>(StoreAgentClient.Create(snapshot, store));
                services.RemoveAll<HotPotatoOptions>();
                services.AddSingleton(new HotPotatoOptions { Enabled = false });
            });
        });
        using var client = factory.CreateClient();
        var compare = string.Join("&", snapshot.Nodes.Select(n => $"node={n.Name}"));
        text.AppendLine();
        text.AppendLine("| page | accept-encoding | median ms | p99 ms | CPU ms/req | raw | of which hover values | gzip (optimal) | as served |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, path, partial) in new[]
        {
            ("node page, 1 h", "/nodes/node-0000?range=1h", false),
            ("node page, 6 h", "/nodes/node-0000?range=6h", false),
            ("node page, 24 h", "/nodes/node-0000?range=24h", false),
            ("node partial (htmx poll), 1 h", "/nodes/node-0000?range=1h", true),
            ("node partial (htmx poll), 24 h", "/nodes/node-0000?range=24h", true),
            ("compare 8 nodes, 1 h", $"/compare?range=1h&{compare}", false),
            ("compare 8 nodes, 24 h", $"/compare?range=24h&{compare}", false),
        })
        {
            foreach (var encoding in new string?[] { null, "gzip" })
            {
                text.AppendLine(await PageAsync(client, label, path, partial, encoding, samples));
            }
        }

        writer.StoppedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return text.ToString();
    }

    /// <summary>What the store holds after a day: one-minute rows for 23 hours, then the raw hour at one row a second.</summary>
    private static long Fill(string path, ClusterSnapshot snapshot, DateTimeOffset now)
    {
        using var connection = new SqliteConnection(StoreFile.ConnectionString(path, pooling: false));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO history VALUES ($id, $at, $span, $cpu, $cpu_max, $mem, $mem_total, 0, $l1, $l5, $l15, $dr, $dw, $rx, $tx)
            """;
        var parameters = Columns.ToDictionary(n => n, n => insert.Parameters.Add(n, n == "$id" ? SqliteType.Blob : SqliteType.Integer));
        var random = new Random(7);
        var rows = 0L;
        var end = now.ToUnixTimeMilliseconds();
        var rawStart = end - 3_600_000;
        var thinStart = (end - 86_400_000) / 60_000 * 60_000;
        foreach (var node in snapshot.Nodes)
        {
            parameters["$id"].Value = node.Id.ToByteArray();
            var at = thinStart;
            while (at < end)
            {
                var raw = at >= rawStart;
                var wave = 0.5 + (0.4 * Math.Sin(at / 3_600_000.0)) + (0.1 * random.NextDouble());
                parameters["$at"].Value = at;
                parameters["$span"].Value = raw ? 0 : 60_000;
                parameters["$cpu"].Value = (long)(wave * 900);
                parameters["$cpu_max"].Value = (long)Math.Min(1000, wave * 1000 + 100);
                parameters["$mem"].Value = (long)(wave * (32L << 30));
                parameters["$mem_total"].Value = 64L << 30;
                parameters["$l1"].Value = (long)(wave * 1600);
                parameters["$l5"].Value = (long)(wave * 1400);
                parameters["$l15"].Value = (long)(wave * 1200);
                parameters["$dr"].Value = random.Next(0, 200_000_000);
                parameters["$dw"].Value = random.Next(0, 100_000_000);
                parameters["$rx"].Value = random.Next(0, 1_000_000_000);
                parameters["$tx"].Value = random.Next(0, 500_000_000);
                insert.ExecuteNonQuery();
                rows++;
                at += raw ? 1_000 : 60_000;
            }
        }

        transaction.Commit();
        return rows;
    }

    private static async Task<string> PageAsync(HttpClient client, string label, string path, bool partial, string? encoding, int samples)
    {
        var times = new double[samples];
        long served = 0;
        var cpuBefore = TimeSpan.Zero;
        for (var i = -20; i < samples; i++)
        {
            if (i == 0)
            {
                cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            }

            using var request = Request(path, partial, encoding);
            var start = TimeProvider.System.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            served = body.Length;
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }

        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / samples;
        using var last = Request(path, partial, null);
        using var plain = await client.SendAsync(last);
        var html = await plain.Content.ReadAsByteArrayAsync();
        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {encoding ?? "none"} | {PartialBench.Percentile(times, 0.5):0.00} | {PartialBench.Percentile(times, 0.99):0.00} | {cpu:0.00} | {html.Length / 1024.0:0.0} KiB | {HoverBytes(html) / 1024.0:0.0} KiB | {Gzip(html) / 1024.0:0.0} KiB | {served / 1024.0:0.0} KiB |");
    }

    private static HttpRequestMessage Request(string path, bool partial, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (partial)
        {
            request.Headers.Add("HX-Request", "true");
        }

        if (encoding is not null)
        {
            request.Headers.Add("Accept-Encoding", encoding);
        }

        return request;
    }

    /// <summary>Bytes of the pages' <c>data-values</c> attributes: what the hover text costs.</summary>
    private static long HoverBytes(byte[] html) =>
        System.Text.RegularExpressions.Regex.Matches(Encoding.UTF8.GetString(html), "data-values=\"[^\"]*\"").Sum(m => (long)m.Length);

    private static long Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.Length;
    }
}
