using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.Tests.Support;

namespace Psstd.Tests.Browser;

/// <summary>A real psstd-dashboard process on 127.0.0.1, talking to one agent socket; killed on dispose.</summary>
internal sealed class DashboardProcess : IDisposable
{
    private readonly CapturedProcess _process;

    private DashboardProcess(CapturedProcess process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public string Log => _process.Output;

    /// <summary>Starts the dashboard and waits until its <c>/healthz</c> answers (which also means it reached the agent).</summary>
    public static async Task<DashboardProcess> StartAsync(string socketPath, int port, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var process = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Dashboard, new Dictionary<string, string>
        {
            ["PSSTD_SOCKET"] = socketPath,
            ["PSSTD_HTTP"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["PSSTD_ADVERTISE_HTTP"] = url.ToString(),
            ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        });
        var dashboard = new DashboardProcess(process, url);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"dashboard on port {port} exited with {process.ExitCode}: {dashboard.Log}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(url, "healthz"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return dashboard;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
            }
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();
}
