using System.Diagnostics;
using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.Contracts;

namespace Psstd.Bench;

/// <summary>
/// Requests per second for the partial through the real path: a load loop over TCP to a real psstd-dashboard
/// process, which asks a stand-in agent (real Kestrel on a real Unix socket) for every request.
/// </summary>
internal static class SocketHopBench
{
    public static async Task<string> RunAsync(int nodes, int cores, int concurrency, TimeSpan duration, int port)
    {
        var snapshot = BenchSnapshots.Cluster(nodes, cores);
        var socket = Path.Combine("/tmp", $"psstd-bench-{Environment.ProcessId}.sock");
        File.Delete(socket);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket));
        await using var agent = builder.Build();
        agent.MapGet(LocalApiRoutes.Cluster, () => Results.Json(snapshot, LocalApiJsonContext.Default.ClusterSnapshot));
        agent.MapGet(LocalApiRoutes.Health, () => Results.Text("{}", "application/json"));
        agent.MapPut(DashboardRegistrationRoutes.Dashboard, () => Results.NoContent());
        agent.MapDelete(DashboardRegistrationRoutes.Dashboard, () => Results.NoContent());
        await agent.StartAsync();

        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(ChildBinaries.FromBuild().Dashboard);
        info.Environment["PSSTD_SOCKET"] = socket;
        info.Environment["PSSTD_HTTP"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var dashboard = Process.Start(info)!;
        dashboard.OutputDataReceived += (_, _) => { };
        dashboard.ErrorDataReceived += (_, _) => { };
        dashboard.BeginOutputReadLine();
        dashboard.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/") };
            await WaitUntilUpAsync(http);
            var count = 0L;
            using var stop = new CancellationTokenSource();
            var start = TimeProvider.System.GetTimestamp();
            var workers = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (TimeProvider.System.GetElapsedTime(start) < duration)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, PartialBench.PartialPath);
                    request.Headers.Add("HX-Request", "true");
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref count);
                }
            }).ToArray();
            await Task.WhenAll(workers);
            var seconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {nodes} x {cores} | {concurrency} | {seconds:0.0} s | {count} | {count / seconds:0} req/s |");
        }
        finally
        {
            if (!dashboard.HasExited)
            {
                dashboard.Kill(entireProcessTree: true);
                await dashboard.WaitForExitAsync();
            }

            await agent.StopAsync();
            File.Delete(socket);
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException("the dashboard did not answer /healthz within 30 s");
    }
}
