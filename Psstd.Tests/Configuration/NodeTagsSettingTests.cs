using Psstd.Agent.Configuration;
using Psstd.Configuration;
using Psstd.Contracts;

namespace Psstd.Tests.Configuration;

public sealed class NodeTagsSettingTests
{
    private static AgentSettings Read(string tags) =>
        AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_TAGS"] = tags }, "host-a");

    [Fact]
    public void Tags_AreReadOrderedByKey_SpacesAroundItemsIgnored()
    {
        var settings = Read(" role=db , rack=a-12,zone= ");

        Assert.Equal(["rack", "role", "zone"], settings.Tags.Keys);
        Assert.Equal("a-12", settings.Tags["rack"]);
        Assert.Equal("", settings.Tags["zone"]);
    }

    [Fact]
    public void NoTags_WhenUnset()
    {
        Assert.Empty(AgentSettings.FromEnvironment(new Dictionary<string, string>(), "host-a").Tags);
    }

    [Theory]
    [InlineData("rack", "must be key=value")]
    [InlineData("Rack=a", "lower-case letters")]
    [InlineData("rack=a,rack=b", "given twice")]
    [InlineData("rack=a=b", "',' or '='")]
    [InlineData("rack=\u0007", "control character")]
    public void BrokenTags_StopTheAgent_WithOneLineNamingTheRule(string value, string rule)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(value));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("PSSTD_TAGS", error.Variable);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void TooManyOrTooLargeTags_AreRefused()
    {
        var many = string.Join(',', Enumerable.Range(0, NodeTagRules.MaxTags + 1).Select(i => $"k{i}=v"));
        var large = string.Join(',', Enumerable.Range(0, 5).Select(i => $"k{i}={new string('v', 60)}"));

        Assert.Contains("at most 16", Assert.Throws<StartupConfigurationException>(() => Read(many)).Message, StringComparison.Ordinal);
        Assert.Contains("at most 256", Assert.Throws<StartupConfigurationException>(() => Read(large)).Message, StringComparison.Ordinal);
    }
}
