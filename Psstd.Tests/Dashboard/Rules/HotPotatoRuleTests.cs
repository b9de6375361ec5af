using Psstd.Contracts;
using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Trust;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class HotPotatoRuleTests
{
    private const long Now = 1_800_000_000;
    private static readonly HotPotatoOptions Defaults = new();
    private static readonly PeerDashboards Peers = new(DashboardHosts.None);

    [Fact]
    public void BusySelf_WithAQuietFreshPeer_Moves()
    {
        var decision = Decide([Self(95), Peer("b", 10)]);

        Assert.Equal(HandOffOutcome.Move, decision.Outcome);
        Assert.Equal("b", decision.TargetName);
        Assert.Equal("http://b.test:8080/", decision.TargetUrl);
        Assert.Equal(new HopState(1, Now), decision.NextHops);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(50)]
    public void SelfAtOrBelowThreshold_Stays(double selfCpu) =>
        Assert.Equal(HandOffOutcome.NotBusy, Decide([Self(selfCpu), Peer("b", 0)]).Outcome);

    [Fact]
    public void CandidateWithinTheMargin_DoesNotCount()
    {
        Assert.Equal(HandOffOutcome.NoCandidate, Decide([Self(80), Peer("b", 60.5)]).Outcome);
        Assert.Equal(HandOffOutcome.Move, Decide([Self(80), Peer("b", 60)]).Outcome);
    }

    [Fact]
    public void ScoreIsNormalisedPerCore_LoadCountsWhenItExceedsCpu()
    {
        // 10 % CPU but load 30 on 32 cores is 93.75 per core: busy. Load 30 on a 128-core peer is 23: quiet.
        var self = Self(10) with { Metrics = Metrics(10, cores: 32, load1: 30) };
        var peer = Peer("big", 5) with { Metrics = Metrics(5, cores: 128, load1: 30) };

        Assert.Equal(HandOffOutcome.Move, Decide([self, peer]).Outcome);
    }

    [Theory]
    [InlineData(NodeHealth.Stale)]
    [InlineData(NodeHealth.Suspect)]
    [InlineData(NodeHealth.Offline)]
    [InlineData(NodeHealth.Left)]
    public void OnlyFreshPeersAreCandidates(NodeHealth health) =>
        Assert.Equal(HandOffOutcome.NoCandidate, Decide([Self(95), Peer("b", 0) with { Health = health }]).Outcome);

    [Theory]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    public void PeersWithoutAUsableDashboard_AreNotCandidates(string url) =>
        Assert.Equal(HandOffOutcome.NoCandidate, Decide([Self(95), Peer("b", 0) with { DashboardUrl = url }]).Outcome);

    [Fact]
    public void TargetIsDrawnAmongTheQuietestOnly_AndSpreads()
    {
        var nodes = new[] { Self(99), Peer("q1", 1), Peer("q2", 2), Peer("q3", 3), Peer("q4", 4), Peer("q5", 5) };
        var random = new Random(7);

        var chosen = Enumerable.Range(0, 300)
            .Select(_ => HotPotatoRule.Decide(nodes, HopState.None, Now, Defaults, random, Peers.UrlOf).TargetName)
            .ToHashSet();

        Assert.Equal(["q1", "q2", "q3"], chosen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SpreadOfOne_AlwaysPicksTheQuietest()
    {
        var options = Defaults with { Spread = 1 };
        var nodes = new[] { Self(99), Peer("q2", 2), Peer("q1", 1) };

        Assert.Equal("q1", HotPotatoRule.Decide(nodes, HopState.None, Now, options, new Random(1), Peers.UrlOf).TargetName);
    }

    [Fact]
    public void SecondHopInTheWindow_CountsOnFromTheSameStart()
    {
        var decision = Decide([Self(95), Peer("b", 10)], new HopState(1, Now - 30));

        Assert.Equal(new HopState(2, Now - 30), decision.NextHops);
    }

    [Fact]
    public void TwoHopsWithinAMinute_StopFurtherHops()
    {
        var hops = new HopState(2, Now - 59);

        var decision = Decide([Self(95), Peer("b", 10)], hops);

        Assert.Equal(HandOffOutcome.HopLimit, decision.Outcome);
        Assert.Equal(hops, decision.NextHops);
    }

    [Fact]
    public void AfterTheWindow_ANewWindowStarts()
    {
        var decision = Decide([Self(95), Peer("b", 10)], new HopState(2, Now - 60));

        Assert.Equal(HandOffOutcome.Move, decision.Outcome);
        Assert.Equal(new HopState(1, Now), decision.NextHops);
    }

    [Fact]
    public void Disabled_OrWithoutSelf_Stays()
    {
        Assert.Equal(HandOffOutcome.Disabled, HotPotatoRule.Decide([Self(99), Peer("b", 0)], HopState.None, Now, Defaults with { Enabled = false }, new Random(1), Peers.UrlOf).Outcome);
        Assert.Equal(HandOffOutcome.UnknownSelf, Decide([Peer("a", 99), Peer("b", 0)]).Outcome);
    }

    [Theory]
    [InlineData("", "", 0, 0)]
    [InlineData("1", "1800000000", 1, 1800000000)]
    [InlineData("x", "1800000000", 0, 0)]
    [InlineData("-1", "1800000000", 0, 0)]
    [InlineData("2", "", 0, 0)]
    public void HopState_ParsesOrFallsBackToNone(string hops, string start, int expectedHops, long expectedStart) =>
        Assert.Equal(new HopState(expectedHops, expectedStart), HopState.Parse(hops, start));

    private static HandOffDecision Decide(NodeSnapshot[] nodes, HopState? hops = null) =>
        HotPotatoRule.Decide(nodes, hops ?? HopState.None, Now, Defaults, new Random(1), Peers.UrlOf);

    private static NodeSnapshot Self(double cpu) =>
        Node("self", isSelf: true, dashboardUrl: "http://self.test:8080/", metrics: Metrics(cpu));

    private static NodeSnapshot Peer(string name, double cpu) =>
        Node(name, dashboardUrl: $"http://{name}.test:8080/", metrics: Metrics(cpu));

    private static NodeMetrics Metrics(double cpu, int cores = 4, double load1 = 0) =>
        SampleMetrics(cores) with { CpuBusyPercent = cpu, Load1 = load1 };
}
