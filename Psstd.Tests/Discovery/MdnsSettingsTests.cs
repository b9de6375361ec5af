using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Discovery;

public sealed class MdnsSettingsTests
{
    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    [Fact]
    public void Interfaces_DefaultToAutomatic_AndAreReadAsAList()
    {
        Assert.Empty(Read().MdnsInterfaces);
        Assert.Equal(["eth0", "wlan0"], Read(("PSSTD_MDNS_INTERFACES", " eth0, wlan0,eth0 ")).MdnsInterfaces);
    }

    [Theory]
    [InlineData("eth0,,eth1")]
    [InlineData("a-name-longer-than-15")]
    [InlineData("eth0/1")]
    [InlineData("eth0:1")]
    public void BadInterfaceLists_StopTheStart_WithOneLineNamingTheVariable(string value)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_MDNS_INTERFACES", value)));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("PSSTD_MDNS_INTERFACES", error.Variable);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
        Assert.Contains("comma-separated interface names", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
