using Psstd.Agent.Configuration;
using Psstd.Configuration;

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
    [InlineData("512MiB", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("64mb", 64L << 20)]
    public void MaxSize_IsReadInBinaryUnits(string value, long bytes) =>
        Assert.Equal(bytes, Read(("PSSTD_DB_MAX_SIZE", value)).MaxStoreBytes);

    [Fact]
    public void MaxSize_DefaultsToOneGiB() => Assert.Equal(1L << 30, Read().MaxStoreBytes);

    [Theory]
    [InlineData("8MiB")]
    [InlineData("lots")]
    [InlineData("100")]
    [InlineData("99999999999999999G")]
    public void MaxSize_BadValue_StopsWithOneLine(string value)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_DB_MAX_SIZE", value)));

        Assert.Equal("PSSTD_DB_MAX_SIZE", Assert.Single(ex.Errors).Variable);
        Assert.Contains("must be a size such as 256KiB, 512MiB or 2GiB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 16MiB", ex.Message, StringComparison.Ordinal);
    }

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
