using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class UptimeParserTests
{
    [Fact]
    public void ParseSeconds_CapturedUptime_ReadsFirstField()
    {
        Assert.Equal(456.76, UptimeParser.ParseSeconds(ProcFixtures.Read("captured/uptime")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc 12.0")]
    [InlineData("Infinity 1")]
    [InlineData("-5.0 1")]
    public void ParseSeconds_Unreadable_IsZero(string text)
    {
        Assert.Equal(0, UptimeParser.ParseSeconds(text));
    }
}
