using Psstd.Agent.Configuration;
using Psstd.ServiceDefaults.Configuration;

namespace Psstd.Tests.Store;

public sealed class RetentionSettingTests
{
    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    [Fact]
    public void Default_IsADay() => Assert.Equal(TimeSpan.FromHours(24), Read().Retention);

    [Fact]
    public void ADuration_IsTaken() => Assert.Equal(TimeSpan.FromDays(7), Read(("PSSTD_RETENTION", "168h")).Retention);

    [Theory]
    [InlineData("30m", "at least 3600s")]
    [InlineData("forever", "must be a duration")]
    public void BadValue_StopsWithOneLine(string value, string rule)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_RETENTION", value)));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("PSSTD_RETENTION", error.Variable);
        Assert.Contains($"PSSTD_RETENTION=\"{value}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
