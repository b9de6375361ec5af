using System.Net;
using Psstd.AppHost.Model;

namespace Psstd.AppHost.Running;

/// <summary>
/// A running local cluster: every agent and dashboard of a <see cref="ClusterSpec"/> as child processes.
/// Disposing stops them all and removes the root directory.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly ClusterSpec _spec;
    private readonly TimeProvider _time;
    private readonly List<ChildProcess> _children = [];

    private LocalCluster(ClusterSpec spec, IReadOnlyList<NodeSpec> nodes, TimeProvider time)
    {
        _spec = spec;
        _time = time;
        Nodes = nodes;
    }

    public IReadOnlyList<NodeSpec> Nodes { get; }

    public IReadOnlyList<ChildProcess> Children => _children;

    /// <summary>Starts every agent, then every dashboard. Does not wait for them to answer.</summary>
    public static LocalCluster Start(ClusterSpec spec, Action<string> output, TimeProvider time)
    {
        var cluster = new LocalCluster(spec, ClusterModel.Build(spec), time);
        try
        {
            foreach (var node in cluster.Nodes)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(node.SocketPath)!);
                cluster._children.Add(ChildProcess.Start(node.Agent, output));
            }

            foreach (var node in cluster.Nodes)
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

    /// <summary>Waits until every dashboard's <c>/healthz</c> answers 200 (which needs its agent up too).</summary>
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
                    if (await AnswersAsync(client, new Uri(node.DashboardUrl, "healthz"), deadline.Token))
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
