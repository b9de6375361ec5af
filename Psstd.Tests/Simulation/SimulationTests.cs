using Psstd.Bench.Simulation;

namespace Psstd.Tests.Simulation;

/// <summary>
/// 100 agents' real gossip code over the simulator's in-memory network, on its simulated clock and a
/// fixed seed: every run is the same run, so the bounds below are exact facts about the protocol, not
/// timing guesses. Times are simulated seconds.
/// </summary>
[Trait("Category", "Simulation")]
public sealed class SimulationTests
{
    private static SimReport Run(Scenario scenario, int seconds, double loss = 0) =>
        new Bench.Simulation.Simulation(new SimOptions { Nodes = 100, Seconds = seconds, Scenario = scenario, Loss = loss, Seed = 42 }).Run();

    [Fact]
    public void Steady_WithFivePercentLoss_EveryHealthyNodeIsKnownAndNeverOffline()
    {
        var report = Run(Scenario.Steady, 40, loss: 0.05);

        Assert.Equal(0, report.MissingShare);
        Assert.Equal(0, report.FalseOfflineShare);
        Assert.InRange(report.P99AgeSeconds, 0, 4);
        Assert.InRange(report.BytesInPerNodePerSecond, report.MinBytesInPerNodePerSecond, 2.5 * report.MinBytesInPerNodePerSecond);
    }

    [Fact]
    public void Kill_EveryObserverShowsEveryVictimOffline_OnceTheirTtlHasRunOut()
    {
        var report = Run(Scenario.Kill, 40);

        // No failure detector yet: detection is the TTL (15 s) after the last record seen, plus up to a round.
        Assert.InRange(report.DetectP99Seconds!.Value, 7.5, 16.5);
        Assert.Equal(0, report.FalseOfflineShare);
    }

    [Fact]
    public void Leave_EveryObserverShowsTheLeaversLeft_WithinASecond()
    {
        var report = Run(Scenario.Leave, 40);

        Assert.InRange(report.LeaveP99Seconds!.Value, 0, 1);
        Assert.Equal(0, report.FalseOfflineShare);
    }

    [Fact]
    public void Partition_HealsWithoutRestarts_WithinFifteenSeconds()
    {
        var report = Run(Scenario.Partition, 100);

        Assert.InRange(report.HealSeconds!.Value, 0, 15);
    }
}
