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
    public static async Task<string> RunAsync(int nodes, int cores, int warmup, int samples)
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
        for (var i = -warmup; i < samples; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/?sort=cpu");
            request.Headers.Add("HX-Request", "true");
            var start = TimeProvider.System.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

            // Drain the body without decoding it: the client's own string building is not server time.
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            var elapsed = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            if (i >= 0)
            {
                times[i] = elapsed;
            }
        }

        using (var last = new HttpRequestMessage(HttpMethod.Get, "/?sort=cpu"))
        {
            last.Headers.Add("HX-Request", "true");
            using var response = await client.SendAsync(last);
            body = await response.Content.ReadAsStringAsync();
        }

        Array.Sort(times);
        var raw = Encoding.UTF8.GetByteCount(body);
        var gzip = GzipSize(body);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {nodes} x {cores} | {Percentile(times, 0.5):0.00} | {Percentile(times, 0.99):0.00} | {raw / 1024.0:0} KiB | {gzip / 1024.0:0} KiB |");
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static long GzipSize(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.Length;
    }
}
