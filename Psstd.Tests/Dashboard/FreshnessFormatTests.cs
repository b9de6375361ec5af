using Psstd.Contracts;
using Psstd.Dashboard.Formatting;

namespace Psstd.Tests.Dashboard;

public sealed class FreshnessFormatTests
{
    [Theory]
    [InlineData(NodeHealth.Fresh, 2.9, "updated 2s ago")]
    [InlineData(NodeHealth.Stale, 9.4, "stale 9s ago")]
    [InlineData(NodeHealth.Stale, 75, "stale 1m 15s ago")]
    [InlineData(NodeHealth.Suspect, 12, "suspect")]
    [InlineData(NodeHealth.Offline, 200, "offline 3m")]
    [InlineData(NodeHealth.Offline, 7300, "offline 2h")]
    [InlineData(NodeHealth.Offline, 30, "offline 30s")]
    [InlineData(NodeHealth.Left, 500, "left")]
    [InlineData(NodeHealth.Forgotten, 500, "forgotten")]
    public void Freshness_SpeaksInTheStatesWords(NodeHealth health, double age, string expected) =>
        Assert.Equal(expected, Format.Freshness(health, age));

    [Theory]
    [InlineData(0, "low")]
    [InlineData(49, "low")]
    [InlineData(50, "mid")]
    [InlineData(79, "mid")]
    [InlineData(80, "high")]
    [InlineData(100, "high")]
    public void Band_FollowsHtopsThresholds(int percent, string band) => Assert.Equal(band, Format.Band(percent));

    [Fact]
    public void Rates_Uptime_AndScore()
    {
        Assert.Equal("1.5 KiB/s", Format.Rate(1536));
        Assert.Equal("0 B/s", Format.Rate(-5));
        Assert.Equal("up 1d 1h", Format.Uptime(90061));
        Assert.Equal("93 (100: fully used)", Format.Score(93.4));
        Assert.Equal("1091 (100: fully used)", Format.Score(1090.9));
        Assert.Equal("0 (100: fully used)", Format.Score(double.NaN));
    }
}
