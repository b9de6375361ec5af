using System.Globalization;
using Psstd.AppHost;
using Psstd.AppHost.Model;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// The real AppHost executable, as a user runs it: stopping it leaves nothing (no process, socket or directory),
/// and a killed AppHost leaves no orphans (DCP watches it and stops every child).
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SigTerm_StopsEveryProcessOfTheRun_AndRemovesItsDirectory()
    {
        using var host = await StartAsync();
        Assert.Equal(2, host.Children.Count); // one agent, one dashboard
        Assert.NotEmpty(host.Orchestrator);
        Assert.True(Directory.Exists(host.RootDirectoryPath));

        // SIGTERM, not SIGINT: a test run started in the background (as CI's is) inherits SIGINT ignored,
        // and so would the AppHost. Both take the same way down; bench/apphost-startup.sh times Ctrl+C itself.
        Assert.True(PosixSignals.Terminate(host.Id));

        await host.Process.WaitForExitAsync(ExitTimeout);
        Assert.Equal(0, host.Process.ExitCode);
        await Eventually.ReturnsAsync("every process of the run exits", ExitTimeout, _ =>
            Task.FromResult(host.Alive().Count > 0 ? null : "gone"));
        Assert.False(Directory.Exists(host.RootDirectoryPath), $"{host.RootDirectoryPath} was left behind");
        Assert.DoesNotContain("   at ", host.Process.Output, StringComparison.Ordinal); // no stack trace on the way down
    }

    [Fact]
    public async Task AnAgentBuildThatIsNotThere_StopsTheStartWithOneLine_AndExitCode2()
    {
        const string Missing = "/nonexistent/psstd-agent";
        using var host = CapturedProcess.StartProgram(typeof(AppHostOptions).Assembly.Location, new Dictionary<string, string> { [ChildBinaries.AgentVariable] = Missing });

        await host.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, host.ExitCode);
        Assert.Equal(
            $"psstd AppHost: {ChildBinaries.AgentVariable}=\"{Missing}\" is invalid: must name an agent build (psstd-agent.dll or a native psstd-agent)",
            host.StandardError.Trim());
    }

    [Fact]
    public async Task KilledAppHost_LeavesNoOrphans()
    {
        using var host = await StartAsync();
        Assert.Equal(2, host.Children.Count);

        host.Process.KillAlone(); // SIGKILL to the AppHost alone: DCP must notice by itself
        await Eventually.ReturnsAsync("every process of the killed AppHost's run exits", ExitTimeout, _ =>
            Task.FromResult(host.Alive().Count > 0 ? null : "gone"));
    }

    private static Task<AppHostProcess> StartAsync() =>
        AppHostProcess.StartReadyAsync(
            new Dictionary<string, string>(),
            "--nodes",
            "1",
            "--first-http-port",
            TestPorts.Next().ToString(CultureInfo.InvariantCulture),
            "--first-gossip-port",
            TestPorts.Next().ToString(CultureInfo.InvariantCulture));
}
