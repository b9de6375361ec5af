using System.Diagnostics;
using System.Globalization;
using Psstd.AppHost;
using Psstd.AppHost.Running;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>The real AppHost executable: it cleans up after itself, and a killed one leaves no orphans.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SigTerm_StopsEveryChild_AndRemovesItsTemporaryFiles()
    {
        using var host = await StartReadyAsync();
        var children = LinuxProcesses.ChildrenOf(host.Id);
        var root = RootOf(host);
        Assert.Equal(2, children.Count); // one agent, one dashboard
        Assert.True(Directory.Exists(root));

        try
        {
            Assert.True(PosixSignals.Terminate(host.Id));

            await host.WaitForExitAsync(ExitTimeout);
            Assert.All(children, pid => Assert.False(LinuxProcesses.IsAlive(pid), $"child {pid} outlived the AppHost"));
            Assert.False(Directory.Exists(root), $"{root} was left behind");
        }
        finally
        {
            Cleanup(host, children, root);
        }
    }

    [Fact]
    public async Task KilledAppHost_LeavesNoOrphans()
    {
        using var host = await StartReadyAsync();
        var children = LinuxProcesses.ChildrenOf(host.Id);
        var root = RootOf(host);
        Assert.Equal(2, children.Count);

        host.KillAlone(); // SIGKILL to the AppHost alone: its children must notice by themselves
        try
        {
            await Eventually.ReturnsAsync("every child of the killed AppHost exits", ExitTimeout, _ =>
                Task.FromResult(children.Any(LinuxProcesses.IsAlive) ? null : "gone"));
        }
        finally
        {
            Cleanup(host, children, root);
        }
    }

    /// <summary>Whatever the test saw, nothing it started outlives it.</summary>
    private static void Cleanup(CapturedProcess host, IReadOnlyList<int> children, string root)
    {
        host.Kill();
        foreach (var pid in children.Where(LinuxProcesses.IsAlive))
        {
            using var child = Process.GetProcessById(pid);
            child.Kill();
        }

        RootDirectory.Remove(root);
    }

    private static string RootOf(CapturedProcess host) =>
        Path.Combine(Path.GetTempPath(), "psstd-apphost-" + host.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts <c>Psstd.AppHost --nodes 1</c> and waits for its "ready" table.</summary>
    private static async Task<CapturedProcess> StartReadyAsync()
    {
        var host = CapturedProcess.StartDotnet(typeof(AppHostOptions).Assembly.Location, new Dictionary<string, string>(), "--nodes", "1");
        try
        {
            await host.WaitForOutputAsync(line => line.Contains("nodes ready", StringComparison.Ordinal), ReadyTimeout);
            return host;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            host.Dispose();
            throw new Xunit.Sdk.XunitException($"AppHost not ready within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{host.Output}");
        }
    }
}
