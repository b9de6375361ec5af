using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Configuration;

public sealed class AgentSettingsTests
{
    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    private static StartupConfigurationException Rejects(string variable, string value, string ruleFragment)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read((variable, value)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(variable, error.Variable);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ruleFragment, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var settings = Read();

        Assert.Equal("host-a", settings.NodeName);
        Assert.Equal("psstd", settings.Cluster);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Ttl);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Interval);
        Assert.Equal(new ListenAddress("", 7947), settings.Gossip);
        Assert.Equal("host-a:7947", settings.AdvertiseGossip);
        Assert.Empty(settings.Seeds);
        Assert.True(settings.Web);
        Assert.True(settings.Mdns);
        Assert.True(Path.IsPathFullyQualified(settings.StateDirectory));
        Assert.True(Path.IsPathFullyQualified(settings.SocketPath));
    }

    [Fact]
    public void ExplicitValues_AreRead()
    {
        var settings = Read(
            ("PSSTD_NODE_NAME", "rack-a-01"),
            ("PSSTD_NODE_TTL", "1m30s"),
            ("PSSTD_INTERVAL", "500ms"),
            ("PSSTD_GOSSIP", "10.0.0.5:9000"),
            ("PSSTD_SEEDS", "10.0.0.6:9000, seed.example:7947,[fd00::1]:7947"),
            ("PSSTD_DB", "/var/lib/psstd"),
            ("PSSTD_SOCKET", "/run/psstd/agent.sock"),
            ("PSSTD_MDNS", "false"),
            ("PSSTD_CLUSTER", "lab"));

        Assert.Equal("rack-a-01", settings.NodeName);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.Ttl);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Interval);
        Assert.Equal("10.0.0.5:9000", settings.AdvertiseGossip);
        Assert.Equal(
            [new ListenAddress("10.0.0.6", 9000), new ListenAddress("seed.example", 7947), new ListenAddress("fd00::1", 7947)],
            settings.Seeds);
        Assert.Equal("/var/lib/psstd", settings.StateDirectory);
        Assert.Equal("/run/psstd/agent.sock", settings.SocketPath);
        Assert.False(settings.Mdns);
        Assert.Equal("lab", settings.Cluster);
    }

    [Fact]
    public void WebFalse_MakesTheNodeSyncOnly() => Assert.False(Read(("PSSTD_WEB", "false")).Web);

    [Fact]
    public void EmptyValue_MeansDefault_ExceptForTheNodeName()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Read(("PSSTD_NODE_TTL", "")).Ttl);
        Rejects("PSSTD_NODE_NAME", "", "must be non-empty");
    }

    [Theory]
    [InlineData("PSSTD_NODE_NAME", "rack a", "without whitespace")]
    [InlineData("PSSTD_NODE_NAME", "a-very-long-node-name-that-goes-on-and-on-and-on-well-past-the-limit", "at most 63 bytes")]
    [InlineData("PSSTD_NODE_TTL", "1s", "at least 2s")]
    [InlineData("PSSTD_NODE_TTL", "15", "a duration such as")]
    [InlineData("PSSTD_NODE_TTL", "fifteen seconds", "a duration such as")]
    [InlineData("PSSTD_INTERVAL", "50ms", "at least 100ms")]
    [InlineData("PSSTD_INTERVAL", "10s", "at most half of PSSTD_NODE_TTL")]
    [InlineData("PSSTD_GOSSIP", "7947", "host:port")]
    [InlineData("PSSTD_GOSSIP", ":70000", "from 1 to 65535")]
    [InlineData("PSSTD_GOSSIP", "::1:7947", "IPv6 hosts in brackets")]
    [InlineData("PSSTD_ADVERTISE_GOSSIP", ":7947", "must name a host")]
    [InlineData("PSSTD_SEEDS", "10.0.0.1:7947,10.0.0.2", "\"10.0.0.2\" is not")]
    [InlineData("PSSTD_SEEDS", ":7947", "\":7947\" is not")]
    [InlineData("PSSTD_WEB", "maybe", "true or false")]
    [InlineData("PSSTD_MDNS", "2", "true or false")]
    [InlineData("PSSTD_CLUSTER", "my cluster", "without whitespace")]
    public void BadValue_IsRejectedNamingVariableValueAndRule(string variable, string value, string rule)
    {
        var ex = Rejects(variable, value, rule);
        Assert.Contains($"\"{value}\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongSocketPath_IsRejected()
    {
        var path = "/tmp/" + new string('s', 120) + "/agent.sock";
        var ex = Rejects("PSSTD_SOCKET", path, "shorter than 100 bytes");
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_AreRead_InOrder()
    {
        var first = Enumerable.Repeat((byte)1, 32).ToArray();
        var second = Enumerable.Repeat((byte)2, 32).ToArray();

        var settings = Read(("PSSTD_KEY", $"{Convert.ToBase64String(first)}, {Convert.ToBase64String(second)}"));

        Assert.Equal([first, second], settings.Keys);
        Assert.Empty(Read().Keys);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(0)]
    public void BadKey_IsRejected_WithoutEchoingTheSecret(int length)
    {
        var good = Convert.ToBase64String(new byte[32]);
        var bad = length == 0 ? "not base64!" : Convert.ToBase64String(Enumerable.Repeat((byte)7, length).ToArray());

        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_KEY", $"{good},{bad}")));

        Assert.Contains("PSSTD_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("key 2 of 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(good, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadValues_AreAllNamedOnOneLine()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_NODE_TTL", "1s"), ("PSSTD_WEB", "maybe")));

        Assert.Equal(2, ex.Errors.Count);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
