using Psstd.Contracts;
using Psstd.Dashboard.LoadRules;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class RefreshIntervalRuleTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(50, 2)]
    [InlineData(60, 4)]
    [InlineData(70, 6)]
    [InlineData(85, 9)]
    [InlineData(90, 10)]
    [InlineData(400, 10)]
    [InlineData(double.NaN, 2)]
    public void ForScore_IsTwoSecondsCalm_TenHot_LinearBetween(double score, int seconds) =>
        Assert.Equal(seconds, RefreshIntervalRule.ForScore(score));

    [Fact]
    public void Seconds_UsesTheMeanOfFreshNodes_IgnoringOthers()
    {
        var nodes = new[]
        {
            Node("a", isSelf: true, metrics: Metrics(60)),
            Node("b", metrics: Metrics(80)),
            Node("dead", NodeHealth.Offline, metrics: Metrics(100)),
        };

        Assert.Equal(RefreshIntervalRule.ForScore(70), RefreshIntervalRule.Seconds(nodes));
    }

    [Fact]
    public void Seconds_AHotSelfSlowsItsOwnPageEvenInACalmCluster()
    {
        var nodes = new[] { Node("a", isSelf: true, metrics: Metrics(95)), Node("b", metrics: Metrics(0)), Node("c", metrics: Metrics(0)) };

        Assert.Equal(10, RefreshIntervalRule.Seconds(nodes));
    }

    [Fact]
    public void Seconds_EmptyCluster_IsCalm() => Assert.Equal(2, RefreshIntervalRule.Seconds([]));

    [Theory]
    [InlineData(30, 4, 0.0, 30)]
    [InlineData(30, 4, 2.0, 50)]
    [InlineData(10, 0, 3.0, 300)]
    [InlineData(double.NaN, 4, double.PositiveInfinity, 0)]
    public void NodeScore_IsMaxOfCpuAndLoadPerCore(double cpu, int cores, double load1, double expected)
    {
        var metrics = new NodeMetrics { CpuBusyPercent = cpu, LogicalCores = cores, Load1 = load1 };

        Assert.Equal(expected, NodeScore.Of(metrics), 6);
    }

    private static NodeMetrics Metrics(double cpu) => SampleMetrics(4) with { CpuBusyPercent = cpu, Load1 = 0 };
}
