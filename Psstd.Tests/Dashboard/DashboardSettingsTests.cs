using Psstd.Dashboard.Configuration;
using Psstd.ServiceDefaults.Configuration;

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
}
