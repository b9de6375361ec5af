using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;
using static Psstd.Tests.Alerts.AlertCluster;

namespace Psstd.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private const string CpuRule = "rules:\n  - {name: cpu-high, metric: cpu, above: 90, clear: 80, for: 5m}\n";
    private const string OfflineRule = "rules:\n  - {name: down, metric: health, states: [offline], for: 1m, severity: critical}\n";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    private AlertEvaluator Evaluator(string yaml) => new(Rules(yaml), _clock);

    /// <summary>One observation a second of <paramref name="seconds"/> seconds; every transition seen.</summary>
    private List<AlertTransition> Run(AlertEvaluator evaluator, int seconds, Func<int, NodeSnapshot[]> nodes)
    {
        var seen = new List<AlertTransition>();
        for (var s = 0; s < seconds; s++)
        {
            seen.AddRange(evaluator.Observe(nodes(s)));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        return seen;
    }

    [Fact]
    public void Condition_MustHoldFor_ThenFiresOnce()
    {
        var evaluator = Evaluator(CpuRule);
        var started = _clock.GetUtcNow();

        Assert.Empty(Run(evaluator, 300, s => [Node("a", cpu: 95, sequence: s + 1)]));
        Assert.Empty(evaluator.Firing);

        var fired = Assert.Single(Run(evaluator, 60, s => [Node("a", cpu: 95.24, sequence: 301 + s)]));
        Assert.Equal(AlertState.Firing, fired.State);
        Assert.Equal(started.AddMinutes(5), fired.At);
        Assert.Equal("cpu 95.2 %, above 90 % for 5m", fired.Reason);
        var alert = fired.Alert;
        Assert.Equal(("cpu-high", AlertSeverity.Warning, Id("a"), "a"), (alert.Rule, alert.Severity, alert.NodeId, alert.NodeName));
        Assert.Equal(("95.2 %", "cpu above 90 % for 5m", started), (alert.ValueText, alert.Condition, alert.StartedAt));
        Assert.Equal(AlertKey.Of("cpu-high", Id("a"), 1, 1), alert.Key);
        Assert.Matches("^[0-9a-f]{16}$", alert.Key);
        Assert.Equal(alert.Key, Assert.Single(evaluator.Firing).Key);
    }

    [Fact]
    public void ADip_BeforeFor_StartsTheWaitAgain()
    {
        var evaluator = Evaluator(CpuRule);

        var seen = Run(evaluator, 600, s => [Node("a", cpu: s == 200 ? 50 : 95, sequence: s + 1)]);

        var fired = Assert.Single(seen);
        Assert.Equal(AlertKey.Of("cpu-high", Id("a"), 1, 202), fired.Alert.Key); // the first record after the dip
        Assert.Equal(_clock.Start.AddSeconds(201 + 300), fired.At);
    }

    [Fact]
    public void ValuesFlappingAroundTheThreshold_AboveClear_DoNotFlap()
    {
        var evaluator = Evaluator("rules:\n  - {name: cpu-high, metric: cpu, above: 90, clear: 80}\n");

        var seen = Run(evaluator, 120, s => [Node("a", cpu: s % 2 == 0 ? 91 : 85, sequence: s + 1)]);

        Assert.Equal(AlertState.Firing, Assert.Single(seen).State);
        Assert.Equal("85.0 %", Assert.Single(evaluator.Firing).ValueText); // the latest value is shown

        var resolved = Assert.Single(Run(evaluator, 30, s => [Node("a", cpu: 80, sequence: 200 + s)]));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal("cpu 80.0 %, at or below 80 %", resolved.Reason);
        Assert.Equal(seen[0].Alert.Key, resolved.Alert.Key);
        Assert.Empty(evaluator.Firing);
    }

    [Fact]
    public void WithoutClear_TheThresholdItselfResolves()
    {
        var evaluator = Evaluator("rules:\n  - {name: cpu-high, metric: cpu, above: 90}\n");

        var seen = Run(evaluator, 4, s => [Node("a", cpu: new[] { 91, 90.5, 90, 95 }[s], sequence: s + 1)]);

        Assert.Equal([AlertState.Firing, AlertState.Resolved, AlertState.Firing], seen.Select(t => t.State));
        Assert.NotEqual(seen[0].Alert.Key, seen[2].Alert.Key); // a new occurrence, from a new record
    }

    [Fact]
    public void BelowRule_FiresUnderTheLine_AndClearsAboveClear()
    {
        var evaluator = Evaluator("rules:\n  - {name: low-rx, metric: net_rx, below: 1MB, clear: 2MB}\n");
        NodeSnapshot Rx(long bytes, int seq) => Node("a", sequence: seq, metrics: new NodeMetrics { NetRxBytesPerSecond = bytes });

        var seen = Run(evaluator, 4, s => [Rx(new long[] { 500_000, 1_500_000, 2_000_000, 1_500_000 }[s], s + 1)]);

        Assert.Equal([AlertState.Firing, AlertState.Resolved], seen.Select(t => t.State));
        Assert.Equal(("500 kB/s", "net_rx below 1 MB/s"), (seen[0].Alert.ValueText, seen[0].Alert.Condition));
        Assert.Equal("net_rx 2 MB/s, at or above 2 MB/s", seen[1].Reason);
    }

    [Fact]
    public void NodeNotFresh_NeitherFiresNorResolves_AMetricRule()
    {
        var evaluator = Evaluator(CpuRule);

        // Pending for 4 minutes, then stale (old values, still high): the wait starts over once fresh again.
        Run(evaluator, 240, s => [Node("a", cpu: 95, sequence: s + 1)]);
        Assert.Empty(Run(evaluator, 120, _ => [Node("a", cpu: 95, health: NodeHealth.Stale, sequence: 240)]));
        Assert.Empty(Run(evaluator, 300, s => [Node("a", cpu: 95, sequence: 300 + s)]));
        Assert.Single(Run(evaluator, 1, _ => [Node("a", cpu: 95, sequence: 1000)]));

        // Firing, then offline with a low value in its last record: still firing, until fresh values clear it.
        Assert.Empty(Run(evaluator, 600, _ => [Node("a", cpu: 10, health: NodeHealth.Offline, sequence: 1001)]));
        Assert.Single(evaluator.Firing);
        Assert.Equal("95.0 %", evaluator.Firing[0].ValueText);
        Assert.Equal(AlertState.Resolved, Assert.Single(Run(evaluator, 1, _ => [Node("a", cpu: 10, sequence: 1002)])).State);
    }

    [Fact]
    public void ValueThatIsNotANumber_IsNotJudged()
    {
        var evaluator = Evaluator("rules:\n  - {name: hot-core, metric: cpu_busiest_core, above: 90}\n");
        NodeSnapshot Cores(int seq, params double[] cores) => Node("a", sequence: seq, metrics: new NodeMetrics { CoreBusyPercent = cores });

        Assert.Single(evaluator.Observe([Cores(1, 10, 95)]));
        Assert.Empty(evaluator.Observe([Cores(2, double.NaN, 5)]));
        Assert.Single(evaluator.Firing);
        Assert.Equal(AlertState.Resolved, Assert.Single(evaluator.Observe([Cores(3, 5, 5)])).State);
    }

    [Fact]
    public void HealthRule_FiresOnOffline_AndResolvesOnANewGeneration()
    {
        var evaluator = Evaluator(OfflineRule);
        Run(evaluator, 10, s => [Node("a", sequence: s + 1)]);

        var down = Run(evaluator, 120, s => [Node("a", health: s < 5 ? NodeHealth.Stale : NodeHealth.Offline, sequence: 10)]);

        var fired = Assert.Single(down);
        Assert.Equal(("offline", "node offline for 1m", "node offline for 1m"), (fired.Alert.ValueText, fired.Alert.Condition, fired.Reason));
        Assert.Equal(AlertSeverity.Critical, fired.Alert.Severity);
        Assert.Equal(AlertKey.Of("down", Id("a"), 1, 10), fired.Alert.Key); // the record it last sent while fresh
        Assert.Equal(_clock.Start.AddSeconds(10 + 5 + 60), fired.At);

        var back = Assert.Single(Run(evaluator, 5, s => [Node("a", generation: 2, sequence: s + 1)]));
        Assert.Equal((AlertState.Resolved, "node is fresh again"), (back.State, back.Reason));
        Assert.Empty(evaluator.Firing);
    }

    [Fact]
    public void HealthRule_ALateCopyOfTheDeadNodesLastRecord_DoesNotResolveIt_ANewerVersionDoes()
    {
        var evaluator = Evaluator(OfflineRule);
        Run(evaluator, 10, s => [Node("a", sequence: s + 1)]);
        Assert.Single(Run(evaluator, 70, _ => [Node("a", health: NodeHealth.Offline, sequence: 9)]));

        // The last record reaches this agent late (anti-entropy): fresh for a while, but nothing newer follows.
        Assert.Empty(Run(evaluator, 5, _ => [Node("a", sequence: 10)]));
        Assert.Single(evaluator.Firing);

        var back = Assert.Single(Run(evaluator, 3, s => [Node("a", sequence: 11 + s)]));
        Assert.Equal(AlertState.Resolved, back.State);
    }

    [Fact]
    public void HealthRule_ABriefOutage_ShorterThanFor_IsNoAlert()
    {
        var evaluator = Evaluator(OfflineRule);

        Assert.Empty(Run(evaluator, 300, s => [Node("a", health: s % 100 < 50 ? NodeHealth.Offline : NodeHealth.Fresh, sequence: s / 50)]));
    }

    [Fact]
    public void LeftNode_ResolvesHealthAndMetricAlerts_UnlessLeftIsAState()
    {
        var evaluator = Evaluator("""
            rules:
              - {name: down, metric: health}
              - {name: gone, metric: health, states: [offline, left]}
              - {name: cpu-high, metric: cpu, above: 90}
            """);
        Assert.Equal(2, evaluator.Observe([Node("a", health: NodeHealth.Offline)]).Count); // down, gone
        Assert.Single(evaluator.Observe([Node("b", cpu: 99), Node("a", health: NodeHealth.Offline)])); // cpu-high on b

        var left = evaluator.Observe([Node("a", health: NodeHealth.Left), Node("b", cpu: 99, health: NodeHealth.Left)]);

        Assert.Equal(
            [("down", "a", AlertState.Resolved, "node left"), ("gone", "b", AlertState.Firing, "node left"), ("cpu-high", "b", AlertState.Resolved, "node left")],
            left.Select(t => (t.Alert.Rule, t.Alert.NodeName, t.State, t.Reason)));
        Assert.Equal([("gone", "a", "left"), ("gone", "b", "left")], evaluator.Firing.Select(a => (a.Rule, a.NodeName, a.ValueText)));
    }

    [Fact]
    public void NodeNoLongerListed_OrForgotten_Resolves_AndLeavesNoState()
    {
        var evaluator = Evaluator("rules:\n  - {name: cpu-high, metric: cpu, above: 90}\n  - {name: down, metric: health, states: [suspect]}\n");
        Assert.Equal(2, evaluator.Observe([Node("a", cpu: 99), Node("b", health: NodeHealth.Suspect)]).Count);

        var gone = evaluator.Observe([Node("b", health: NodeHealth.Forgotten)]);

        Assert.Equal(
            [("down", "b", "node forgotten"), ("cpu-high", "a", "node no longer listed")],
            gone.Select(t => (t.Alert.Rule, t.Alert.NodeName, t.Reason)));
        Assert.Empty(evaluator.Firing);
        Assert.Equal(0, evaluator.Tracked);
        Assert.Empty(evaluator.Observe([]));
    }

    [Fact]
    public void NodePatterns_ChooseTheNodes()
    {
        var evaluator = Evaluator("rules:\n  - {name: cpu-high, metric: cpu, above: 90, nodes: [\"db-*\", \"web-?\"]}\n");

        var fired = evaluator.Observe([Node("db-1", cpu: 99), Node("web-1", cpu: 99), Node("web-10", cpu: 99), Node("app", cpu: 99)]);

        Assert.Equal(["db-1", "web-1"], fired.Select(t => t.Alert.NodeName));
    }

    [Fact]
    public void OnlyPendingAndFiringPairs_HoldState()
    {
        var evaluator = Evaluator(CpuRule);
        var nodes = Enumerable.Range(0, 1000).Select(i => Node($"n{i}", cpu: i < 3 ? 95 : 20)).ToArray();

        evaluator.Observe(nodes);

        Assert.Equal(3, evaluator.Tracked);
    }

    [Fact]
    public void Key_IsTheSame_ForEvaluatorsThatSawTheSameRecordsAtDifferentTimes()
    {
        var earlyClock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var lateClock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 7, 13, 0, TimeSpan.Zero));
        var early = new AlertEvaluator(Rules(CpuRule), earlyClock);
        var late = new AlertEvaluator(Rules(CpuRule), lateClock);
        AlertTransition? first = null;
        AlertTransition? second = null;

        // The same records (from sequence 40 on), observed at different paces and wall-clock times.
        for (var s = 0; s < 600; s++)
        {
            var record = Node("a", cpu: 95, generation: 7, sequence: 40 + s);
            first ??= early.Observe([record]).SingleOrDefault();
            second ??= late.Observe([record]).SingleOrDefault();
            earlyClock.Advance(TimeSpan.FromSeconds(1));
            lateClock.Advance(TimeSpan.FromSeconds(1.5));
        }

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.At, second.At);
        Assert.Equal(first.Alert.Key, second.Alert.Key);
        Assert.Equal(AlertKey.Of("cpu-high", Id("a"), 7, 40), first.Alert.Key);
        Assert.NotEqual(first.Alert.Key, AlertKey.Of("cpu-high", Id("a"), 7, 41));
        Assert.NotEqual(first.Alert.Key, AlertKey.Of("cpu-high", Id("a"), 8, 40));
        Assert.NotEqual(first.Alert.Key, AlertKey.Of("cpu-high", Id("b"), 7, 40));
        Assert.NotEqual(first.Alert.Key, AlertKey.Of("cpu-high2", Id("a"), 7, 40));
    }
}
