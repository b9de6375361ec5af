using System.Globalization;
using System.Net.Http.Json;
using Psstd.AppHost;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Netns;

/// <summary>
/// The real AppHost run with <c>--netns</c>, its standard input open for fault commands. Disposing
/// kills it and its children and removes whatever namespaces, links and files it left.
/// </summary>
internal sealed class NetnsAppHost : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(150);

    private readonly CapturedProcess _process;
    private IReadOnlyList<int> _children = [];

    private NetnsAppHost(CapturedProcess process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public CapturedProcess Process => _process;

    /// <summary>Agent and dashboard processes, as they were when the cluster was ready.</summary>
    public IReadOnlyList<int> Children => _children;

    /// <summary>Starts <c>Psstd.AppHost --netns --nodes N</c> (plus <paramref name="extra"/>) and waits for its "ready" table.</summary>
    public static async Task<NetnsAppHost> StartReadyAsync(int nodes, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var process = CapturedProcess.StartDotnetWithInput(
            typeof(AppHostOptions).Assembly.Location,
            environment,
            ["--netns", "--nodes", nodes.ToString(CultureInfo.InvariantCulture), .. extra]);
        var host = new NetnsAppHost(process);
        try
        {
            await process.WaitForOutputAsync(line => line.Contains("nodes ready", StringComparison.Ordinal), ReadyTimeout);
            host._children = LinuxProcesses.ChildrenOf(process.Id);
            return host;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            host.Dispose();
            throw new Xunit.Sdk.XunitException($"AppHost --netns not ready within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{process.Output}");
        }
    }

    public string SocketPath(string nodeName) =>
        Path.Combine(RootDirectoryPath, nodeName, "agent.sock");

    public string RootDirectoryPath => Path.Combine(Path.GetTempPath(), "psstd-apphost-" + Id.ToString(CultureInfo.InvariantCulture));

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

    public void Dispose()
    {
        _process.Kill();
        foreach (var pid in _children.Where(LinuxProcesses.IsAlive))
        {
            using var child = System.Diagnostics.Process.GetProcessById(pid);
            child.Kill();
        }

        NetnsNetwork.RemoveOwnedBy(Id);
        RootDirectory.Remove(RootDirectoryPath);
        _process.Dispose();
    }
}
