using Psstd.Agent.Store;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Tests.Store;

public sealed class StoreWriterTests
{
    [Fact]
    public void Tick_ManyChangedNodes_CommitsThemAllInOneTransaction()
    {
        using var store = new StoreHarness();
        for (var n = 1; n <= 200; n++)
        {
            store.Receive(StoreHarness.Node(n, sequence: 1));
        }

        var commits = store.CountCommits();
        store.Writer.Tick();

        Assert.Equal(1, commits());
        Assert.Equal(200, store.Scalar("SELECT count(*) FROM nodes"));
        Assert.Equal(200, store.Scalar("SELECT count(*) FROM history"));
        Assert.Equal(200, store.Scalar($"SELECT count(*) FROM events WHERE kind = {(int)ClusterEventKind.Join}"));
    }

    [Fact]
    public void Tick_NothingNew_WritesNothing_ANewSequenceAddsOnePoint()
    {
        using var store = new StoreHarness();
        store.Receive(StoreHarness.Node(1, sequence: 1));
        store.Writer.Tick();
        var commits = store.CountCommits();

        store.Clock.Advance(TimeSpan.FromSeconds(1));
        store.Writer.Tick();
        Assert.Equal(0, commits());

        store.Receive(StoreHarness.Node(1, sequence: 2));
        store.Receive(StoreHarness.Node(1, sequence: 3)); // two sequences within one batch: one point, the latest
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        store.Writer.Tick();

        Assert.Equal(1, commits());
        Assert.Equal(2, store.Scalar("SELECT count(*) FROM history"));
        var held = store.Store.LoadNodes().Single();
        Assert.Equal(3, Psstd.Gossip.Wire.RecordCodec.Read(held.Encoded)!.Sequence);
    }

    [Fact]
    public void Tick_ARenamedNode_KeepsOneRow_FoundByItsNewNameOnly()
    {
        using var store = new StoreHarness();
        store.Receive(StoreHarness.Node(1, sequence: 1));
        store.Writer.Tick();
        store.Receive(StoreHarness.Node(1, sequence: 2)); // same name: only record and time change
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        store.Writer.Tick();
        store.Receive(StoreHarness.Node(1, sequence: 3) with { Name = "renamed" });
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        store.Writer.Tick();

        Assert.Equal(1, store.Scalar("SELECT count(*) FROM nodes"));
        Assert.Equal(1, store.Scalar("SELECT count(*) FROM nodes INDEXED BY nodes_by_name WHERE name = 'renamed'"));
        Assert.Equal(0, store.Scalar("SELECT count(*) FROM nodes INDEXED BY nodes_by_name WHERE name = 'node-1'"));
        Assert.Equal(3, Psstd.Gossip.Wire.RecordCodec.Read(store.Store.LoadNodes().Single().Encoded)!.Sequence);
        Assert.Equal(3, store.Scalar("SELECT count(*) FROM history"));
    }

    [Fact]
    public void Restart_LoadsPeersAsOffline_NotItsOwnOldRecord_AndReportsNoJoins()
    {
        using var first = new StoreHarness();
        first.Receive(StoreHarness.Node(1, sequence: 5));
        first.Receive(StoreHarness.Node(2, sequence: 7) with { Left = true });
        first.Receive(StoreHarness.Node(3, sequence: 1) with { Id = StoreHarness.Self, Name = "me" });
        first.Writer.Tick();
        first.Clock.Advance(TimeSpan.FromSeconds(3)); // restarted quickly: well within the TTL of 15 s

        using var second = first.Restart();

        Assert.Null(second.Cluster.Find(StoreHarness.Self));
        Assert.Equal(2, second.Status.RestoredNodes);
        Assert.Equal(NodeHealth.Offline, NodeHealthJudge.Judge(second.Cluster.Find(StoreHarness.Id(1))!, second.Clock));
        Assert.Equal(NodeHealth.Left, NodeHealthJudge.Judge(second.Cluster.Find(StoreHarness.Id(2))!, second.Clock));
        Assert.Equal(5, second.Cluster.Find(StoreHarness.Id(1))!.Header.Sequence);

        var before = second.Scalar("SELECT count(*) FROM events");
        second.Writer.Tick();
        Assert.Equal(before, second.Scalar("SELECT count(*) FROM events"));

        second.Receive(StoreHarness.Node(1, sequence: 6));
        second.Clock.Advance(TimeSpan.FromSeconds(1));
        second.Writer.Tick();
        var latest = second.Queries.Events(StoreHarness.Id(1), 1).Single();
        Assert.Equal(ClusterEventKind.Recovered, latest.Kind);
    }

    [Fact]
    public async Task Restore_KeepsANewerRecordGossipBroughtFirst()
    {
        using var first = new StoreHarness();
        first.Receive(StoreHarness.Node(1, sequence: 5));
        first.Writer.Tick();
        await first.Writer.StoppedAsync(CancellationToken.None);

        var cluster = new ClusterState(first.Clock);
        cluster.Merge(Psstd.Gossip.Wire.RecordCodec.ToBytes(StoreHarness.Node(1, sequence: 9)));
        var stored = Psstd.Gossip.Wire.RecordCodec.ToBytes(StoreHarness.Node(1, sequence: 5));

        Assert.Null(cluster.Restore(stored, TimeSpan.Zero));
        Assert.Equal(9, cluster.Find(StoreHarness.Id(1))!.Header.Sequence);
        Assert.Equal(NodeHealth.Fresh, NodeHealthJudge.Judge(cluster.Find(StoreHarness.Id(1))!, first.Clock));
    }

    [Fact]
    public void History_LastHourRaw_OlderThinnedToMinutes_BeyondRetentionDropped()
    {
        using var store = new StoreHarness(retention: "2h");
        var sequence = 0L;

        // Three hours, a sample every 5 s alternating 20 % and 40 % CPU: a minute averages to 30 %.
        for (var step = 0; step < 3 * 720; step++)
        {
            store.Receive(StoreHarness.Node(1, ++sequence, cpu: step % 2 == 0 ? 20 : 40));
            store.Writer.Tick();
            store.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var now = store.Clock.GetUtcNow();
        var rawCutoff = (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds();
        Assert.Equal(0, store.Scalar($"SELECT count(*) FROM history WHERE span_ms = 0 AND at < {rawCutoff - 120_000}"));
        Assert.InRange(store.Scalar($"SELECT count(*) FROM history WHERE span_ms = 0"), 720, 720 + 36);
        Assert.Equal(0, store.Scalar($"SELECT count(*) FROM history WHERE at < {(now - TimeSpan.FromHours(2)).ToUnixTimeMilliseconds() - 120_000}"));

        var old = store.Queries.History(StoreHarness.Id(1), now - TimeSpan.FromHours(1.9), now - TimeSpan.FromHours(1.2), TimeSpan.FromMinutes(1));
        Assert.InRange(old.Count, 40, 43);
        Assert.All(old, p => Assert.Equal(30.0, p.CpuBusyPercent));
        Assert.All(old, p => Assert.Equal(0, p.At.ToUnixTimeMilliseconds() % 60_000));

        var recent = store.Queries.History(StoreHarness.Id(1), now - TimeSpan.FromMinutes(10), now, TimeSpan.FromSeconds(1));
        Assert.Equal(120, recent.Count);
        Assert.Equal([20.0, 40.0], recent.Select(p => p.CpuBusyPercent).Distinct().Order());
    }

    [Fact]
    public void HistoryQuery_AveragesIntoBucketsOfTheRequestedResolution()
    {
        using var store = new StoreHarness();
        var t0 = store.Clock.GetUtcNow();
        double[] cpu = [10, 20, 30, 40, 50, 60];
        for (var i = 0; i < cpu.Length; i++)
        {
            store.Receive(StoreHarness.Node(1, i + 1, cpu: cpu[i]));
            store.Writer.Tick();
            store.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var points = store.Queries.History(StoreHarness.Id(1), t0, t0 + TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(3));

        Assert.Equal([t0, t0 + TimeSpan.FromSeconds(3)], points.Select(p => p.At));
        Assert.Equal([20.0, 50.0], points.Select(p => p.CpuBusyPercent));
        Assert.All(points, p => Assert.Equal(97.25, p.Load1));
        Assert.Empty(store.Queries.History(StoreHarness.Id(2), t0, t0 + TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Events_AreKeptNewestFirst_AndBounded()
    {
        using var store = new StoreHarness();
        var at = store.Clock.GetUtcNow();
        var events = Enumerable.Range(0, StoreSchema.MaxEvents + 50)
            .Select(i => new ClusterEvent(at, StoreHarness.Id(i % 3), $"node-{i % 3}", ClusterEventKind.Stale, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        store.Store.Write(new StoreBatch(at, [], [], events));

        store.Store.Maintain(at, TimeSpan.FromHours(24));

        Assert.Equal(StoreSchema.MaxEvents, store.Scalar("SELECT count(*) FROM events"));
        var newest = store.Queries.Events(null, 2);
        Assert.Equal([(StoreSchema.MaxEvents + 49).ToString(System.Globalization.CultureInfo.InvariantCulture), (StoreSchema.MaxEvents + 48).ToString(System.Globalization.CultureInfo.InvariantCulture)], newest.Select(e => e.Detail));
        Assert.All(store.Queries.Events(StoreHarness.Id(1), 5), e => Assert.Equal(StoreHarness.Id(1), e.NodeId));
    }

    [Fact]
    public void Maintain_OverTheSizeLimit_DropsTheOldestHistoryFirst_UntilItFits()
    {
        using var store = new StoreHarness();
        var t0 = store.Clock.GetUtcNow();
        var nodes = Enumerable.Range(1, 20).Select(StoreHarness.Id).ToArray();
        var samples = new List<HistorySample>();
        for (var second = 0; second < 3000; second++)
        {
            samples.AddRange(nodes.Select(id => new HistorySample(id, t0.AddSeconds(second).ToUnixTimeMilliseconds(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
        }

        store.Store.Write(new StoreBatch(t0, [.. nodes.Select(id => new StoredNode(id, id.ToString(), [1], t0))], samples, []));
        var limit = store.Queries.UsedBytes() / 2;

        var dropped = store.Store.Maintain(t0.AddSeconds(3000), TimeSpan.FromDays(1), limit);

        Assert.True(store.Queries.UsedBytes() <= limit, $"{store.Queries.UsedBytes()} bytes in use, limit {limit}");
        Assert.Equal(60_000 - store.Scalar("SELECT count(*) FROM history"), dropped);
        var newest = t0.AddSeconds(2999).ToUnixTimeMilliseconds();
        Assert.Equal(20, store.Scalar($"SELECT count(*) FROM history WHERE at = {newest}"));
        Assert.Equal(0, store.Scalar($"SELECT count(*) FROM history WHERE at = {t0.ToUnixTimeMilliseconds()}"));
        Assert.Equal(0, store.Store.Maintain(t0.AddSeconds(3000), TimeSpan.FromDays(1), limit));
    }

    [Fact]
    public void Status_ReportsPathSizeAndCommits()
    {
        using var store = new StoreHarness();
        store.Receive(StoreHarness.Node(1, 1));
        store.Writer.Tick();

        var text = store.Status.Describe(store.Clock);

        Assert.Contains(store.DatabasePath, text, StringComparison.Ordinal);
        Assert.Contains("1 batches, 0 failed", text, StringComparison.Ordinal);
        Assert.True(store.Store.Size().TotalBytes > 0);
        Assert.Equal(1, store.Status.LastBatchNodes);
    }
}
