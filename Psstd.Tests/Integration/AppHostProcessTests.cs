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

            using var deadline = new CancellationTokenSource(ExitTimeout);
            await host.WaitForExitAsync(deadline.Token);
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

        host.Kill(); // SIGKILL to the AppHost alone: its children must notice by themselves
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
    private static void Cleanup(Process host, IReadOnlyList<int> children, string root)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
        }

        foreach (var pid in children.Where(LinuxProcesses.IsAlive))
        {
            using var child = Process.GetProcessById(pid);
            child.Kill();
        }

        RootDirectory.Remove(root);
    }

    private static string RootOf(Process host) =>
        Path.Combine(Path.GetTempPath(), "psstd-apphost-" + host.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts <c>Psstd.AppHost --nodes 1</c> and waits for its "ready" table.</summary>
    private static async Task<Process> StartReadyAsync()
    {
        var dll = typeof(AppHostOptions).Assembly.Location;
        var host = ProcessRun.Start(dll, new Dictionary<string, string>(), "--nodes", "1");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("nodes ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(ReadyTimeout, TimeProvider.System);
            return host;
        }
        catch (TimeoutException)
        {
            host.Kill(entireProcessTree: true);
            host.Dispose();
            throw new Xunit.Sdk.XunitException($"AppHost not ready within {ReadyTimeout.TotalSeconds:0}s:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        }
    }
}
