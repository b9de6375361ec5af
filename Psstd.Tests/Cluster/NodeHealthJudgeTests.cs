using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Tests.Cluster;

public sealed class NodeHealthJudgeTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, NodeHealth.Fresh)]
    [InlineData(5_000, NodeHealth.Fresh)]
    [InlineData(5_001, NodeHealth.Stale)]
    [InlineData(10_000, NodeHealth.Stale)]
    [InlineData(10_001, NodeHealth.Offline)]
    public void Age_AgainstTtl_DecidesHealth(int ageMs, NodeHealth expected) =>
        Assert.Equal(expected, NodeHealthJudge.Judge(TimeSpan.FromMilliseconds(ageMs), Ttl));

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(60_000, true, false)]
    [InlineData(3_000, false, true)]
    public void Forgotten_WinsOverAgeLeaveAndSuspicion(int ageMs, bool left, bool suspected) =>
        Assert.Equal(NodeHealth.Forgotten, NodeHealthJudge.Judge(TimeSpan.FromMilliseconds(ageMs), Ttl, left, suspected, forgotten: true));
}
