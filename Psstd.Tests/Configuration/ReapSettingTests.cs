using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Configuration;

public sealed class ReapSettingTests
{
    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    [Fact]
    public void Default_IsADay()
    {
        Assert.Equal(TimeSpan.FromHours(24), Read().Reap);
        Assert.Equal(TimeSpan.FromHours(24), Read(("PSSTD_REAP", "")).Reap);
    }

    [Theory]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("16s", 16)]
    [InlineData("72h", 72 * 3600)]
    public void Durations_AreRead(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(("PSSTD_REAP", value)).Reap);

    [Theory]
    [InlineData("15s", "", "longer than PSSTD_NODE_TTL (15s)")]
    [InlineData("1m", "1m", "longer than PSSTD_NODE_TTL (60s)")]
    [InlineData("a day", "", "a duration such as")]
    [InlineData("24", "", "a duration such as")]
    public void NotLongerThanTheTtl_OrNoDuration_StopsTheStartWithOneLine(string value, string ttl, string rule)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_REAP", value), ("PSSTD_NODE_TTL", ttl)));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("PSSTD_REAP", error.Variable);
        Assert.Contains($"\"{value}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void TtlOfADayOrMore_NeedsAnExplicitLongerReap()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_NODE_TTL", "24h")));

        Assert.Equal("PSSTD_REAP", Assert.Single(ex.Errors).Variable);
        Assert.Equal(TimeSpan.FromHours(25), Read(("PSSTD_NODE_TTL", "24h"), ("PSSTD_REAP", "25h")).Reap);
    }
}
