using Psstd.AppHost.Model;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>A bad setting stops the real executable at start with exit code 2 and one line naming it.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class StartupErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("PSSTD_NODE_TTL", "1s", "at least 2s")]
    [InlineData("PSSTD_GOSSIP", "7947", "host:port")]
    public async Task Agent_BadValue_ExitsWithOneLine(string variable, string value, string rule)
    {
        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Agent, Environment(variable, value), TimeSpan.FromSeconds(60));

        AssertOneLine(result, $"{variable}=\"{value}\"", rule);
    }

    [Fact]
    public async Task Dashboard_BadHttpAddress_ExitsWithOneLine()
    {
        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Dashboard, Environment("PSSTD_HTTP", ":99999"), TimeSpan.FromSeconds(60));

        AssertOneLine(result, "PSSTD_HTTP=\":99999\"", "65535");
    }

    [Fact]
    public async Task Agent_GossipPortHeldByAnotherProgram_ExitsNamingThePort()
    {
        using var holder = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)holder.Client.LocalEndPoint!).Port;

        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Agent, Environment("PSSTD_GOSSIP", $"127.0.0.1:{port}"), TimeSpan.FromSeconds(60));

        AssertOneLine(result, $"PSSTD_GOSSIP=\"127.0.0.1:{port}\"", "already in use by another program");
    }

    [Fact]
    public async Task Dashboard_HttpPortHeldByAnotherProgram_ExitsNamingThePort()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Dashboard, Environment("PSSTD_HTTP", $"127.0.0.1:{port}"), TimeSpan.FromSeconds(60));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"PSSTD_HTTP=\"127.0.0.1:{port}\"", line, StringComparison.Ordinal);
        Assert.Contains("already in use by another program", line, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput.Trim());
    }

    private Dictionary<string, string> Environment(string variable, string value) => new()
    {
        ["PSSTD_DB"] = _dir.File("state"),
        ["PSSTD_SOCKET"] = _dir.File("agent.sock"),
        ["PSSTD_GOSSIP"] = $"127.0.0.1:{TestPorts.Next()}",
        ["PSSTD_HTTP"] = $"127.0.0.1:{TestPorts.Next()}",
        ["PSSTD_MDNS"] = "false", // tests send only to loopback
        [variable] = value,
    };

    private static void AssertOneLine(CapturedProcess result, string named, string rule)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains(rule, line, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput.Trim());
    }

    public void Dispose() => _dir.Dispose();
}
