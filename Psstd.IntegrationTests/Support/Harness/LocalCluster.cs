using System.Net;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;

namespace Psstd.Tests.Support.Harness;

/// <summary>
/// The light test harness: every agent and dashboard of a <see cref="ClusterSpec"/> as child processes of the
/// test, for tests that need real processes but not the AppHost (which runs the same model on Aspire).
/// Disposing stops them all and removes the root directory.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly ClusterSpec _spec;
    private readonly TimeProvider _time;
    private readonly List<ChildProcess> _children = [];

    private readonly Action<string> _output;

    private LocalCluster(ClusterSpec spec, IReadOnlyList<NodeSpec> nodes, Action<string> output, TimeProvider time)
    {
        _spec = spec;
        _output = output;
        _time = time;
        Nodes = nodes;
    }

    public IReadOnlyList<NodeSpec> Nodes { get; }

    /// <summary>Starts every agent, then every dashboard (when the spec has them). Does not wait for them to answer.</summary>
    public static LocalCluster Start(ClusterSpec spec, Action<string> output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cluster = new LocalCluster(spec, ClusterModel.Build(spec), output, time);
        try
        {
            foreach (var node in cluster.Nodes)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(node.SocketPath)!);
                cluster._children.Add(ChildProcess.Start(node.Agent, output));
            }

            foreach (var node in spec.Dashboards ? cluster.Nodes : [])
            {
                cluster._children.Add(ChildProcess.Start(node.Dashboard, output));
            }
        }
        catch
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return cluster;
    }

    public ChildProcess Agent(string nodeName) => _children.Single(c => c.Spec.Role == ProcessRole.Agent && c.Spec.Label == $"{nodeName}/agent");

    /// <summary>Starts a node's agent again after it stopped or was killed: same state dir, so a new generation.</summary>
    public ChildProcess RestartAgent(string nodeName)
    {
        var old = Agent(nodeName);
        if (!old.HasExited)
        {
            throw new InvalidOperationException($"{old.Spec.Label} is still running");
        }

        _children.Remove(old);
        old.Dispose();
        var restarted = ChildProcess.Start(old.Spec, _output);
        _children.Add(restarted);
        return restarted;
    }

    /// <summary>
    /// Waits until every dashboard's <c>/healthz</c> answers 200 (which needs its agent up too), or,
    /// without dashboards, until every agent's socket accepts connections.
    /// </summary>
    /// <exception cref="TimeoutException">Not ready in time, or a child exited; the message holds its output.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var pending = new HashSet<NodeSpec>(Nodes);
        try
        {
            while (pending.Count > 0)
            {
                if (_children.FirstOrDefault(c => c.HasExited) is { } dead)
                {
                    throw new TimeoutException($"{dead.Spec.Label} exited before the cluster was ready.{Environment.NewLine}{DescribeOutput()}");
                }

                foreach (var node in pending.ToArray())
                {
                    var ready = _spec.Dashboards
                        ? await AnswersAsync(client, new Uri(node.DashboardUrl, "healthz"), deadline.Token)
                        : await AcceptsAsync(node.SocketPath, deadline.Token);
                    if (ready)
                    {
                        pending.Remove(node);
                    }
                }

                if (pending.Count > 0)
                {
                    await Task.Delay(PollEvery, _time, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"not ready within {timeout.TotalSeconds:0}s: {string.Join(", ", pending.Select(n => n.Name))}{Environment.NewLine}{DescribeOutput()}");
        }
    }

    /// <summary>The recent output of every child, for a failure message.</summary>
    public string DescribeOutput() => string.Join(
        Environment.NewLine,
        _children.SelectMany(c => c.RecentOutput().TakeLast(60).Select(line => $"[{c.Spec.Label}] {line}")));

    public async ValueTask DisposeAsync()
    {
        // Dashboards first, so none reports a missing agent while the cluster goes down.
        foreach (var child in Enumerable.Reverse(_children))
        {
            await child.StopAsync(StopGrace, _time);
            child.Dispose();
        }

        _children.Clear();
        RootDirectory.Remove(_spec.RootDirectory);
    }

    private static async Task<bool> AcceptsAsync(string socketPath, CancellationToken cancellationToken)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // this request's own timeout
        }
    }
}
