using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Psstd.Agent.Configuration;
using Psstd.Agent.Gossip;
using Psstd.Agent.Gossip.Tcp;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Snapshots;
using Psstd.Agent.Terminal;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Configuration;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Instance;

/// <summary>
/// A second agent on a held state directory whose owner's socket does not answer: it joins the gossip
/// to watch, and publishes nothing. No own record, no heartbeat, no leave, no store: it only asks the
/// agent on its own host for what it holds (<see cref="GossipEngine.RequestPull"/>) and keeps the
/// answers in memory.
/// </summary>
/// <remarks>
/// <para>Only that agent: a pull is answered with many datagrams, so agents answer it only from their
/// own host (a loopback source, or the IP of their advertised gossip address) or from a live member, and a
/// viewer is neither to a remote node. The local agent holds the whole cluster anyway.</para>
/// <para>It never runs gossip rounds, so it relays nothing and probes nobody; pings name a node id, and its
/// own id is a fresh one no peer has ever heard of, so it answers none. Its UDP port is an ephemeral one:
/// the configured port belongs to the running agent.</para>
/// </remarks>
internal sealed class GossipViewer : ISnapshotSource, IAsyncDisposable
{
    private readonly AgentSettings _settings;
    private readonly InstanceOwner? _owner;
    private readonly TimeProvider _time;
    private readonly GossipSocket _socket;
    private readonly ClusterState _cluster;
    private readonly GossipEngine _engine;
    private readonly GossipReceiver _receiver;
    private readonly NodeRecord _self;
    private readonly CancellationTokenSource _stop = new();
    private Task _pulling = Task.CompletedTask;

    public GossipViewer(AgentSettings settings, InstanceOwner? owner, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _owner = owner;
        _time = time;
        _socket = GossipSocket.Bind(new ListenAddress(settings.Gossip.Host, 0));
        _cluster = new ClusterState(time) { MaxNodes = settings.MaxNodes };
        var options = new GossipOptions { Cluster = settings.Cluster, Interval = settings.Interval, Keyring = settings.Keys.Count == 0 ? null : new GossipKeyring(settings.Keys) };
        var counters = new GossipMetrics();
        var transport = new UdpTransport(_socket, counters, new GossipStreamClient(counters, time, NullLogger<GossipStreamClient>.Instance), NullLogger<UdpTransport>.Instance);
        _self = new NodeRecord(Guid.NewGuid(), "viewer", 0, 0, LocalNode.AgentVersion, settings.Interval, settings.Ttl, "", "", NodeMetrics.Empty);
        _engine = new GossipEngine(options, _self.Id, _cluster, transport, counters, time, new Random());
        var contacts = new ContactBook(time);
        _receiver = new GossipReceiver(_socket, _engine, contacts, NullLogger<GossipReceiver>.Instance);
    }

    public string Description => $"viewer on gossip {_socket.Socket.LocalEndPoint} (the agent's socket {_owner?.SocketPath ?? _settings.SocketPath} does not answer)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _receiver.StartAsync(cancellationToken);
        _pulling = PullLoopAsync(_stop.Token);
    }

    public Task<ClusterSnapshot?> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ClusterSnapshot?>(ClusterSnapshotFactory.Create(_settings.Cluster, _self, publishStride: 1, _cluster.Entries(), seen => _time.GetElapsedTime(seen), _settings.GossipUnauthenticated));

    /// <summary>
    /// Every interval: pull from the running agent at its listen address (the owner file's, else this
    /// configuration's), on loopback when it listens on every address, so the pull comes from this host.
    /// </summary>
    private async Task PullLoopAsync(CancellationToken cancellationToken)
    {
        var listen = (_owner is null ? null : ListenAddress.TryParse(_owner.Gossip)) ?? _settings.Gossip;
        var agent = listen.IsAnyHost ? new IPEndPoint(IPAddress.Loopback, listen.Port) : await ResolveAsync(listen.ToString(), cancellationToken);
        using var timer = new PeriodicTimer(_settings.Interval, _time);
        do
        {
            if (agent is not null)
            {
                _engine.RequestPull(agent);
            }
        }
        while (await Next(timer, cancellationToken));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<IPEndPoint?> ResolveAsync(string address, CancellationToken cancellationToken)
    {
        if (IPEndPoint.TryParse(address, out var literal) && literal.Port != 0)
        {
            return literal;
        }

        if (ListenAddress.TryParse(address) is not { IsAnyHost: false } parsed)
        {
            return null;
        }

        try
        {
            var ips = await Dns.GetHostAddressesAsync(parsed.Host, cancellationToken);
            return ips.Length == 0 ? null : new IPEndPoint(ips[0], parsed.Port);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pulling;
        await _receiver.StopAsync(CancellationToken.None);
        _receiver.Dispose();
        _socket.Dispose();
        _stop.Dispose();
    }
}
