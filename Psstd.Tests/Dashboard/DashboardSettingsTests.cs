using Psstd.Dashboard.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Dashboard;

public sealed class DashboardSettingsTests
{
    [Fact]
    public void FromEnvironment_Empty_UsesTheDefaults()
    {
        var env = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = "/run/user/1000" };

        var settings = DashboardSettings.FromEnvironment(env);

        Assert.Equal(DefaultPaths.Socket(env), settings.SocketPath);
        Assert.Equal(new ListenAddress("", 8080), settings.Http);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AgentTimeout);
    }

    [Fact]
    public void FromEnvironment_ReadsBothVariables()
    {
        var settings = DashboardSettings.FromEnvironment(new Dictionary<string, string>
        {
            ["PSSTD_SOCKET"] = "/tmp/a/agent.sock",
            ["PSSTD_HTTP"] = "127.0.0.1:18080",
        });

        Assert.Equal("/tmp/a/agent.sock", settings.SocketPath);
        Assert.Equal(new ListenAddress("127.0.0.1", 18080), settings.Http);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData(":70000")]
    [InlineData(":0")]
    [InlineData("::1:80")]
    [InlineData("host name:80")]
    public void FromEnvironment_BadHttp_NamesVariableValueAndRule(string value)
    {
        var ex = Assert.Throws<StartupConfigurationException>(
            () => DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_HTTP"] = value }));

        Assert.Equal($"PSSTD_HTTP=\"{value}\" is invalid: {ListenAddress.Rule}", ex.Message);
    }

    [Fact]
    public void FromEnvironment_SocketPathTooLong_NamesVariableValueAndRule()
    {
        var path = "/tmp/" + new string('s', 100) + ".sock";

        var ex = Assert.Throws<StartupConfigurationException>(
            () => DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_SOCKET"] = path }));

        Assert.Contains("PSSTD_SOCKET", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("shorter than 100 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_TwoBadValues_ReportsBoth()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => DashboardSettings.FromEnvironment(new Dictionary<string, string>
        {
            ["PSSTD_SOCKET"] = "/tmp/" + new string('s', 120),
            ["PSSTD_HTTP"] = "8080",
        }));

        Assert.Equal(["PSSTD_SOCKET", "PSSTD_HTTP"], ex.Errors.Select(e => e.Variable));
    }

    [Theory]
    [InlineData("PSSTD_ADVERTISE_HTTP", "ftp://a/", "http:// or https://")]
    [InlineData("PSSTD_ADVERTISE_HTTP", "node-a:8080", "http:// or https://")]
    [InlineData("PSSTD_WEB", "maybe", "true or false")]
    public void BadAdvertisingValue_IsRejectedNamingIt(string variable, string value, string rule)
    {
        var ex = Assert.Throws<StartupConfigurationException>(
            () => DashboardSettings.FromEnvironment(new Dictionary<string, string> { [variable] = value }, "host-a"));

        Assert.Contains($"{variable}=\"{value}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":8080", "http://host-a:8080/")]
    [InlineData("10.1.2.3:9000", "http://10.1.2.3:9000/")]
    [InlineData("[fd00::5]:9000", "http://[fd00::5]:9000/")]
    public void AdvertisedUrl_IsDerivedFromTheListenAddress(string http, string expected) =>
        Assert.Equal(expected, DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_HTTP"] = http }, "host-a").AdvertisedUrl);

    [Fact]
    public void AdvertisedUrl_IsTakenAsGiven_OrEmptyWithoutWeb()
    {
        Assert.Equal("https://psstd.example.com/?psstd_node=a", DashboardSettings.FromEnvironment(
            new Dictionary<string, string> { ["PSSTD_ADVERTISE_HTTP"] = "https://psstd.example.com/?psstd_node=a" }, "host-a").AdvertisedUrl);
        Assert.Equal("", DashboardSettings.FromEnvironment(
            new Dictionary<string, string> { ["PSSTD_WEB"] = "false", ["PSSTD_ADVERTISE_HTTP"] = "http://a:1/" }, "host-a").AdvertisedUrl);
    }

    [Fact]
    public void FromEnvironment_HeatmapFrom_DefaultsTo200_AndReadsAWholeNumber()
    {
        Assert.Equal(200, DashboardSettings.FromEnvironment(new Dictionary<string, string>()).HeatmapFrom);
        Assert.Equal(0, DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_HEATMAP_FROM"] = "0" }).HeatmapFrom);
        Assert.Equal(5000, DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_HEATMAP_FROM"] = "5000" }).HeatmapFrom);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("lots")]
    [InlineData("1000001")]
    [InlineData("6.5")]
    public void FromEnvironment_BadHeatmapFrom_NamesVariableAndRule(string value)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() =>
            DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_HEATMAP_FROM"] = value }));

        Assert.Contains("PSSTD_HEATMAP_FROM", ex.Message, StringComparison.Ordinal);
        Assert.Contains("whole number from 0", ex.Message, StringComparison.Ordinal);
    }
}
