using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Psstd.Dashboard;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.HotPotato;

namespace Psstd.Bench;

/// <summary>
/// Server time and size of the cluster partial: the real dashboard pipeline in memory (TestServer, no network),
/// its agent replaced by <see cref="FixedAgentClient"/>. Time is request sent to the last body byte received (not decoded), one request at a time.
/// </summary>
internal static class PartialBench
{
    /// <summary>
    /// The cluster grid's partial, as htmx asks for it. The grid is asked for by name: from 200 nodes the bare page is
    /// the heatmap, which has no partial.
    /// </summary>
    public const string PartialPath = "/?sort=cpu&view=grid";

    /// <param name="acceptEncoding">Sent as Accept-Encoding (e.g. <c>gzip</c>), so the time includes the server compressing; null for none.</param>
    /// <param name="path">What is asked for: the partial (with <c>HX-Request</c>), or another path such as <c>/metrics</c>.</param>
    public static async Task<string> RunAsync(int nodes, int cores, int warmup, int samples, string? acceptEncoding = null, string path = PartialPath)
    {
        var snapshot = BenchSnapshots.Cluster(nodes, cores);
        await using var factory = new WebApplicationFactory<DashboardMarker>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IAgentClient>();
                services.AddSingleton<IAgentClient>(new FixedAgentClient(snapshot));

                // The bench cluster is not busy enough to hand off, but make sure: always the partial.
                services.RemoveAll<HotPotatoOptions>();
                services.AddSingleton(new HotPotatoOptions { Enabled = false });
            });
        });
        using var client = factory.CreateClient();
        var times = new double[samples];
        var body = "";
        var served = 0L;
        var cpuBefore = TimeSpan.Zero;
        var allocatedBefore = 0L;
        for (var i = -warmup; i < samples; i++)
        {
            if (i == 0)
            {
                // CPU and allocations per request do not depend on how busy the shared machine is; wall times do.
                cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            }

            using var request = Request(path);
            if (acceptEncoding is not null)
            {
                request.Headers.Add("Accept-Encoding", acceptEncoding);
            }

            var start = TimeProvider.System.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

            // Drain the body without decoding it: the client's own string building is not server time.
            var counter = new CountingStream();
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(counter);
            var elapsed = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            served = counter.Length;
            response.EnsureSuccessStatusCode();
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }

        using (var last = Request(path))
        {
            using var response = await client.SendAsync(last);
            body = await response.Content.ReadAsStringAsync();
        }

        var cpuPerRequest = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / samples;
        var allocatedPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)samples;
        Array.Sort(times);
        var raw = Encoding.UTF8.GetByteCount(body);
        var gzip = GzipSize(body);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {nodes} x {cores} | {acceptEncoding ?? "none"} | {Percentile(times, 0.5):0.00} | {Percentile(times, 0.99):0.00} | {cpuPerRequest:0.00} | {allocatedPerRequest / 1024 / 1024:0.0} MiB | {raw / 1024.0:0} KiB | {gzip / 1024.0:0} KiB | {served / 1024.0:0} KiB |");
    }

    private static HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (path.StartsWith(PartialPath, StringComparison.Ordinal))
        {
            request.Headers.Add("HX-Request", "true");
        }

        return request;
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Counts what is written and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        private long _length;

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    internal static long GzipSize(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.Length;
    }
}
