using Microsoft.Extensions.Logging.Abstractions;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Identity;
using Psstd.Agent.Metrics;
using Psstd.Agent.Registration;
using Psstd.Contracts;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Store;

/// <summary>The store's batch riding on the heartbeat's tick (one wake-up a second for both) at the default interval.</summary>
public sealed class StoreFollowsHeartbeatTests
{
    [Fact]
    public async Task DefaultInterval_WriterHasNoLoopOfItsOwn_EachHeartbeatCommitsItsSampleInOneTransaction()
    {
        using var store = new StoreHarness();
        var heartbeat = Heartbeat(store);
        Assert.True(store.Writer.FollowsHeartbeat);

        await store.Writer.StartAsync(CancellationToken.None);
        await store.Writer.ExecuteTask!; // ends by itself, with no stop asked: the writer has no timer of its own to wait on

        var commits = store.CountCommits();
        heartbeat.TickAndFollow();
        Assert.Equal(1, commits());
        Assert.Equal(1, store.Scalar($"SELECT count(*) FROM history WHERE node_id = x'{Hex(StoreHarness.Self)}'"));

        store.Clock.Advance(TimeSpan.FromSeconds(1));
        heartbeat.TickAndFollow();
        Assert.Equal(2, commits());
        Assert.Equal(2, store.Scalar($"SELECT count(*) FROM history WHERE node_id = x'{Hex(StoreHarness.Self)}'"));
        await store.Writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OtherInterval_HeartbeatDoesNotWrite_TheWriterKeepsItsOwnSecond()
    {
        using var store = new StoreHarness(interval: "2s");
        var heartbeat = Heartbeat(store);
        Assert.False(store.Writer.FollowsHeartbeat);

        var commits = store.CountCommits();
        heartbeat.TickAndFollow();
        Assert.Equal(0, commits());

        using var stop = new CancellationTokenSource();
        await store.Writer.StartAsync(stop.Token);
        Assert.False(store.Writer.ExecuteTask!.IsCompleted); // waiting on its own timer
        await store.Writer.StopAsync(CancellationToken.None);
    }

    private static HeartbeatService Heartbeat(StoreHarness store)
    {
        var identity = new NodeIdentity(StoreHarness.Self, 1);
        var local = new LocalNode(store.Settings, identity, new DashboardRegistry(store.Settings, store.Clock));
        return new HeartbeatService(
            store.Settings, new FixedProbe(), local, store.Cluster, store.Clock, NullLogger<HeartbeatService>.Instance, [store.Writer]);
    }

    private static string Hex(Guid id) => Convert.ToHexString(id.ToByteArray());

    private sealed class FixedProbe : IMetricsProbe
    {
        public IReadOnlyList<string> Unavailable => [];

        public NodeMetrics Sample() => RecordSamples.Metrics(4);
    }
}
