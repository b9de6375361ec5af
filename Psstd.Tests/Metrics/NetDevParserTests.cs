using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class NetDevParserTests
{
    [Fact]
    public void Parse_CapturedNetDev_SkipsLoopback()
    {
        // lo carries 4169 bytes each way in the capture; ifb0/ifb1 are idle.
        var totals = NetDevParser.Parse(ProcFixtures.Read("captured/net/dev"));

        Assert.Equal(new NetworkTotals(47937132, 156688), totals);
    }

    [Fact]
    public void Parse_MixedInterfaces_SumsAllButLoopback()
    {
        var totals = NetDevParser.Parse(ProcFixtures.Read("handmade/net-dev-mixed"));

        Assert.Equal(new NetworkTotals(123456789012 + 5555555, 98765432109 + 4444444), totals);
    }

    [Fact]
    public void Parse_LoopbackOnly_IsZero()
    {
        var totals = NetDevParser.Parse("    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0\n");

        Assert.Equal(default, totals);
    }

    [Fact]
    public void Parse_InterfaceNamedLikeLoopbackPrefix_IsCounted()
    {
        var totals = NetDevParser.Parse("  lo0: 5000 10 0 0 0 0 0 0 6000 10 0 0 0 0 0 0\n");

        Assert.Equal(new NetworkTotals(5000, 6000), totals);
    }

    [Fact]
    public void Parse_ShortOrGarbledLines_AreSkipped()
    {
        const string text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
              eth0: 100 1 0 0 0 0 0 0 200 1 0 0 0 0 0 0
              eth1: 100 1 0 0
              eth2: x 1 0 0 0 0 0 0 200 1 0 0 0 0 0 0
              eth3: 100 1 0 0 0 0 0 0 -200 1 0 0 0 0 0 0
            :::
            """;

        Assert.Equal(new NetworkTotals(100, 200), NetDevParser.Parse(text));
    }
}
