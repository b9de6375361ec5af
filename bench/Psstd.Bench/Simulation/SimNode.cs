using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Bench.Simulation;

/// <summary>One simulated agent: the real cluster state and gossip engine, fed by simulated rounds and packets.</summary>
public sealed class SimNode : IGossipTransport
{
    private readonly SimNetwork _network;
    private readonly SimScheduler _events;
    private readonly SimOptions _options;
    private readonly PublishPace _pace;
    private NodeRecord _record;

    internal SimNode(int index, SimOptions options, GossipOptions gossip, NodeCatalog catalog, SimNetwork network, SimScheduler events, SimClock clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _network = network;
        _events = events;
        _options = options;
        _pace = new PublishPace(options.Interval, gossip.BandwidthBytesPerSecond);
        Index = index;
        Address = new IPEndPoint(new IPAddress([10, (byte)(index >> 16), (byte)(index >> 8), (byte)index]), 7947);
        Cluster = new ClusterState(clock, catalog);
        Counters = new GossipMetrics();
        var id = new Guid(index, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
        _record = new NodeRecord(
            id,
            $"sim-{index:D5}",
            1,
            0,
            "0.1.0",
            options.Interval,
            options.Ttl,
            $"http://{Address.Address}:8080/",
            Address.ToString(),
            SampleMetrics(options.Cores));
        Engine = new GossipEngine(gossip, id, Cluster, this, Counters, clock, new Random(seed));
    }

    public int Index { get; }

    public IPEndPoint Address { get; }

    public Guid Id => _record.Id;

    /// <summary>The node's own current record, as the agent's heartbeat holds it.</summary>
    public NodeRecord Record => _record;

    public ClusterState Cluster { get; }

    public GossipMetrics Counters { get; }

    public GossipEngine Engine { get; }

    /// <summary>Started, and not killed or left since.</summary>
    public bool Alive { get; private set; }

    /// <summary>Intervals between this node's versions now (<see cref="PublishPace"/>); 1 while the cluster fits the budget.</summary>
    public int Stride => _pace.Stride;

    /// <summary>The next heartbeat: a new sequence every interval, or every few past the budget, as the agent's heartbeat does.</summary>
    public void Publish()
    {
        if (!Alive)
        {
            return;
        }

        if (!_pace.Due(Cluster.Count))
        {
            return;
        }

        _record = _record with { Sequence = _record.Sequence + 1, Interval = _options.Interval * Stride, Ttl = _options.Ttl * Stride };
        var encoded = RecordCodec.ToBytes(_record);
        _pace.Published(encoded.Length);
        Cluster.Merge(encoded);
    }

    public void Tick()
    {
        if (Alive)
        {
            Engine.Tick();
        }
    }

    public void Deliver(ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        if (Alive)
        {
            Engine.Receive(packet, from);
        }
    }

    /// <summary>A whole stream arrived: cut into frames by the agent's reader, each handed to the engine.</summary>
    public void DeliverStream(byte[] stream)
    {
        if (!Alive)
        {
            return;
        }

        var reader = new StreamFrameReader();
        reader.Feed(stream, Engine.ReceiveFrame);
        reader.End();
        if (reader.Dropped is { } reason)
        {
            Counters.StreamDropped(reason);
        }
    }

    /// <summary>The agent starts: until now its rounds and heartbeats did nothing and packets to it were lost.</summary>
    public void Start() => Alive = true;

    public void Kill() => Alive = false;

    /// <summary>A graceful stop, as the agent does on SIGTERM: the last record, marked left, sent at once.</summary>
    public void Leave()
    {
        _record = _record with { Sequence = _record.Sequence + 1, Left = true };
        Cluster.Merge(RecordCodec.ToBytes(_record));
        Engine.AnnounceLeave();
        Alive = false;
    }

    void IGossipTransport.Send(IPEndPoint target, ReadOnlySpan<byte> packet) => _network.Send(this, target, packet, _events);

    void IGossipTransport.SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected) => _network.SendStream(this, target, packets, connected, _events);

    public static NodeMetrics SampleMetrics(int cores) => new()
    {
        LogicalCores = cores,
        CoreBusyPercent = [.. Enumerable.Range(0, cores).Select(i => (i * 17 % 100) + 0.5)],
        CpuBusyPercent = 37.5,
        MemoryTotalBytes = 64L << 30,
        MemoryUsedBytes = 23L << 30,
        MemoryAvailableBytes = 41L << 30,
        SwapTotalBytes = 8L << 30,
        SwapUsedBytes = 1L << 20,
        Load1 = 3.25,
        Load5 = 2.5,
        Load15 = 2.01,
        UptimeSeconds = 3_456_789,
        RootFsTotalBytes = 512L << 30,
        RootFsUsedBytes = 200L << 30,
        DiskReadBytesPerSecond = 1_234_567,
        DiskWriteBytesPerSecond = 7_654_321,
        NetRxBytesPerSecond = 12_345_678,
        NetTxBytesPerSecond = 8_765_432,
        ProcessCount = 345,
    };
}
