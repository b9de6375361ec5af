using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Psstd.AppHost;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Tests.Integration;

namespace Psstd.Tests.Support;

/// <summary>
/// The real AppHost executable (DCP, the Aspire dashboard and every pair), its standard input open for
/// fault commands. Disposing kills it and whatever it started, and removes the namespaces, links and
/// files it left.
/// </summary>
internal sealed partial class AppHostProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(150);

    private readonly CapturedProcess _process;

    private AppHostProcess(CapturedProcess process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public CapturedProcess Process => _process;

    /// <summary>The agents and dashboards, as they were when the cluster was ready.</summary>
    public IReadOnlyList<int> Children { get; private set; } = [];

    /// <summary>DCP and what runs below it, as it was when the cluster was ready.</summary>
    public IReadOnlyList<int> Orchestrator { get; private set; } = [];

    /// <summary>The run's directory, read off the ready table's socket paths.</summary>
    public string RootDirectoryPath { get; private set; } = "";

    /// <summary>Starts <c>Psstd.AppHost ARGS</c> and waits for its "ready" table.</summary>
    public static async Task<AppHostProcess> StartReadyAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var process = CapturedProcess.StartProgramWithInput(typeof(AppHostOptions).Assembly.Location, environment, arguments);
        var host = new AppHostProcess(process);
        try
        {
            await process.WaitForOutputAsync(line => line.Contains("nodes ready", StringComparison.Ordinal), ReadyTimeout);
            await process.WaitForOutputAsync(line => SocketPath().IsMatch(line), ReadyTimeout);
            var socket = SocketPath().Match(process.StandardOutput).Groups["root"].Value;
            host.RootDirectoryPath = socket;
            host.Children = LinuxProcesses.PsstdUnder(socket);
            host.Orchestrator = LinuxProcesses.DcpOf(process.Id);
            return host;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            host.Dispose();
            throw new Xunit.Sdk.XunitException($"AppHost {string.Join(' ', arguments)} not ready within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{process.Output}");
        }
    }

    public string SocketPath(string nodeName) => Path.Combine(RootDirectoryPath, nodeName, "agent.sock");

    /// <summary>Sends one fault command line and waits for the AppHost's answer.</summary>
    public async Task<string> CommandAsync(string line, string answerStartsWith)
    {
        await _process.WriteInputLineAsync(line);
        await _process.WaitForOutputAsync(l => l.StartsWith(answerStartsWith, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return _process.StandardOutput.Split('\n').Last(l => l.StartsWith(answerStartsWith, StringComparison.Ordinal));
    }

    public async Task<ClusterSnapshot> SnapshotAsync(string nodeName, CancellationToken cancellationToken)
    {
        using var agent = AgentSocket.Client(SocketPath(nodeName));
        return (await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken))!;
    }

    /// <summary>What the node's agent says about itself (<c>/v1/status</c>), its build among it.</summary>
    public async Task<AgentStatus> StatusAsync(string nodeName, CancellationToken cancellationToken)
    {
        using var agent = AgentSocket.Client(SocketPath(nodeName));
        return (await agent.GetFromJsonAsync(AgentStatusRoutes.Status, LocalApiJsonContext.Default.AgentStatus, cancellationToken))!;
    }

    /// <summary>Waits until <paramref name="holds"/> is true of every listed node's own view of the cluster.</summary>
    public async Task EveryViewAsync(IEnumerable<string> observers, string what, TimeSpan timeout, Func<ClusterSnapshot, bool> holds)
    {
        try
        {
            await Task.WhenAll(observers.Select(observer =>
                Eventually.ReturnsAsync($"{observer} {what}", timeout, async ct =>
                {
                    try
                    {
                        var snapshot = await SnapshotAsync(observer, ct);
                        return holds(snapshot) ? snapshot : null;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                })));
        }
        catch (TimeoutException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{_process.Output}");
        }
    }

    /// <summary>Every process of the run that still lives.</summary>
    public IReadOnlyList<int> Alive() => [.. Children.Concat(Orchestrator).Where(LinuxProcesses.IsAlive)];

    public void Dispose()
    {
        _process.Kill();
        foreach (var pid in Alive())
        {
            try
            {
                using var child = System.Diagnostics.Process.GetProcessById(pid);
                child.Kill();
            }
            catch (ArgumentException)
            {
                // Gone meanwhile.
            }
        }

        if (NetTools.Find("ip") is not null && Environment.IsPrivilegedProcess)
        {
            NetnsNetwork.RemoveOwnedBy(Id);
        }

        if (RootDirectoryPath.Length > 0)
        {
            RootDirectory.Remove(RootDirectoryPath);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"(?<=\s)(?<root>/[^\s:]*/psstd-apphost-[0-9]+-[0-9a-f]+)/node-1/agent\.sock")]
    private static partial Regex SocketPath();
}
