using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Psstd.ClusterView;
using Psstd.Contracts;

namespace Psstd.Bench.Processes;

/// <summary>
/// Agents (and, when asked, their dashboards) on 127.0.0.1 in a temporary directory, seeded with the first,
/// mDNS off; removed with every process on dispose.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private static readonly HashSet<int> HandedOut = [];

    private readonly string _root = Directory.CreateTempSubdirectory("psstd-bench-").FullName;
    private readonly List<BenchProcess> _processes = [];

    private BenchCluster()
    {
    }

    public List<Member> Members { get; } = [];

    /// <param name="dashboardDll">Also a dashboard per agent, from this build; null for agents only.</param>
    public static async Task<BenchCluster> StartAsync(int nodes, string agentDll, string? dashboardDll, CancellationToken cancellationToken)
    {
        var dashboards = dashboardDll is not null;
        var cluster = new BenchCluster();
        try
        {
            var seed = "";
            for (var i = 0; i < nodes; i++)
            {
                var gossip = FreePort();
                var http = dashboards ? FreePort() : 0;
                var member = new Member($"psstd-{i.ToString(CultureInfo.InvariantCulture)}", new IPEndPoint(IPAddress.Loopback, gossip), Path.Combine(cluster._root, $"{i}.sock"), http);
                seed = i == 0 ? member.Gossip.ToString() : seed;
                var environment = new Dictionary<string, string>
                {
                    ["PSSTD_NODE_NAME"] = member.Name,
                    ["PSSTD_GOSSIP"] = member.Gossip.ToString(),
                    ["PSSTD_SEEDS"] = seed,
                    ["PSSTD_DB"] = Path.Combine(cluster._root, $"state-{i}"),
                    ["PSSTD_SOCKET"] = member.Socket,
                    ["PSSTD_MDNS"] = "false",
                    ["PSSTD_WEB"] = dashboards ? "true" : "false",
                };
                cluster._processes.Add(member.Agent = BenchProcess.Dotnet(agentDll, environment));
                if (dashboards)
                {
                    cluster._processes.Add(BenchProcess.Dotnet(dashboardDll!, new Dictionary<string, string>
                    {
                        ["PSSTD_SOCKET"] = member.Socket,
                        ["PSSTD_HTTP"] = $"127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}",
                        ["PSSTD_ADVERTISE_HTTP"] = member.DashboardUrl,
                    }));
                }

                cluster.Members.Add(member);
            }

            await cluster.UntilAsync(
                snapshots => snapshots.All(s => s.Nodes.Count == nodes && s.Nodes.All(n => n.Health == NodeHealth.Fresh && (!dashboards || n.DashboardUrl.Length > 0))),
                TimeSpan.FromSeconds(60 + (3 * nodes)),
                cancellationToken);
            return cluster;
        }
        catch
        {
            Console.Error.WriteLine(cluster.Output());
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every member's snapshot now, read over its socket.</summary>
    public async Task<List<ClusterSnapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        var snapshots = new List<ClusterSnapshot>();
        foreach (var member in Members)
        {
            snapshots.Add(await member.SnapshotAsync(cancellationToken));
        }

        return snapshots;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for every snapshot; throws with the agents' output after <paramref name="within"/>.</summary>
    public async Task UntilAsync(Func<List<ClusterSnapshot>, bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(within);
        while (true)
        {
            try
            {
                if (condition(await SnapshotsAsync(limit.Token)))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, limit.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException && !limit.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, limit.Token); // not listening yet
            }
        }
    }

    public string Output() => string.Join(Environment.NewLine, _processes.Select(p => p.Output()));

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A port free for both UDP and TCP on loopback now, and not handed out before by this process: the kernel may
    /// offer a port again before the agent it was drawn for has bound it.
    /// </summary>
    internal static int FreePort()
    {
        while (true)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for TCP: draw again.
            }
        }
    }

    internal sealed class Member(string name, IPEndPoint gossip, string socket, int httpPort)
    {
        public string Name { get; } = name;

        public IPEndPoint Gossip { get; } = gossip;

        public string Socket { get; } = socket;

        public int HttpPort { get; } = httpPort;

        public string DashboardUrl => $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/";

        public BenchProcess Agent { get; set; } = null!;

        public async Task<ClusterSnapshot> SnapshotAsync(CancellationToken cancellationToken)
        {
            using var client = LocalApiSocket.CreateClient(Socket, TimeSpan.FromSeconds(20));
            return await client.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken)
                ?? throw new InvalidOperationException($"{Name} answered no snapshot");
        }
    }
}
