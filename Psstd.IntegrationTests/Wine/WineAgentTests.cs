using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Wine;

/// <summary>
/// The Windows probe on Windows APIs as Wine implements them: the win-x64 agent, published self-contained,
/// runs under Wine and gossips to a Linux agent on loopback. Wine 8 has no AF_UNIX, so the Windows agent
/// serves no local API; what it publishes is read from the Linux agent's snapshot instead.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Wine")]
public sealed class WineAgentTests : IDisposable
{
    private const string WindowsNode = "win-node";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SeenTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _root = new();

    [WineFact]
    public async Task WindowsAgentUnderWine_PublishesPerCoreCpuAndMemory_ReadByALinuxPeer()
    {
        var windowsAgent = await PublishWindowsAgentAsync();
        var ports = PortPicker.Pick(TestPorts.Next(), 2, udpToo: true);
        var linuxSocket = _root.File("linux.sock");
        CapturedProcess? linux = null;
        CapturedProcess? windows = null;
        try
        {
            linux = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, new Dictionary<string, string>
            {
                ["PSSTD_NODE_NAME"] = "linux-node",
                ["PSSTD_DB"] = _root.File("linux-state"),
                ["PSSTD_SOCKET"] = linuxSocket,
                ["PSSTD_GOSSIP"] = $"127.0.0.1:{ports[0]}",
                ["PSSTD_MDNS"] = "false",
                ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            });
            windows = StartUnderWine(windowsAgent, seedPort: ports[0], gossipPort: ports[1]);

            using var agent = AgentSocket.Client(linuxSocket);
            var snapshot = await Eventually.ReturnsAsync($"linux-node shows {WindowsNode} with busy cores and memory", SeenTimeout, async ct =>
            {
                try
                {
                    var s = await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, ct);
                    return s?.Nodes.FirstOrDefault(n => n.Name == WindowsNode) is { } w
                        && w.Metrics.CoreBusyPercent.Sum() > 0
                        && w.Metrics.MemoryUsedBytes > 0
                        ? s
                        : null;
                }
                catch (HttpRequestException)
                {
                    return null; // the Linux agent is still starting
                }
            });

            var linuxMetrics = snapshot.Nodes.Single(n => n.IsSelf).Metrics;
            var windowsMetrics = snapshot.Nodes.Single(n => n.Name == WindowsNode).Metrics;

            // Same machine, read through ntdll and kernel32 as Wine implements them: the same shape and size.
            Assert.Equal(linuxMetrics.LogicalCores, windowsMetrics.LogicalCores);
            Assert.Equal(windowsMetrics.LogicalCores, windowsMetrics.CoreBusyPercent.Count);
            Assert.All(windowsMetrics.CoreBusyPercent, busy => Assert.InRange(busy, 0, 100));
            Assert.InRange(windowsMetrics.CpuBusyPercent, 0.5, 100);
            Assert.Equal(linuxMetrics.MemoryTotalBytes, windowsMetrics.MemoryTotalBytes);
            Assert.InRange(windowsMetrics.MemoryUsedBytes, 1, windowsMetrics.MemoryTotalBytes);
            Assert.Equal(windowsMetrics.MemoryTotalBytes, windowsMetrics.MemoryUsedBytes + windowsMetrics.MemoryAvailableBytes, tolerance: 1 << 20);
            Assert.True(windowsMetrics.UptimeSeconds > 0);

            // The agent lives on without a local API and says so once.
            Assert.False(windows.HasExited, windows.Output);
            Assert.Single(windows.Output.Split('\n'), line => line.Contains("cannot create Unix sockets", StringComparison.Ordinal));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{linux?.Output}{Environment.NewLine}{windows?.Output}", ex);
        }
        finally
        {
            windows?.Dispose();
            await WaitForWineServerAsync();
            linux?.Dispose();
        }
    }

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// Publishes the agent self-contained for win-x64 into this test's directory, with its own
    /// intermediate files, so the checkout's bin and obj are left as the build made them.
    /// </summary>
    private async Task<string> PublishWindowsAgentAsync()
    {
        var output = _root.File("win-x64");
        var info = new ProcessStartInfo("dotnet");
        foreach (var argument in new[]
        {
            "publish", RepositoryRoot.File("Psstd.Agent", "Psstd.Agent.csproj"), "-c", "Release", "-r", "win-x64", "--self-contained",
            "--artifacts-path", _root.File("artifacts"), "-o", output, "-v", "q", "-nologo",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = CapturedProcess.Start(info, "publish");
        await publish.WaitForExitAsync(PublishTimeout);
        Assert.True(publish.ExitCode == 0, $"dotnet publish -r win-x64 failed:{Environment.NewLine}{publish.Output}");
        return Path.Combine(output, "psstd-agent.exe");
    }

    /// <summary>
    /// The Windows agent in a Wine prefix of its own. No PSSTD_PARENT_PID: a Linux pid means nothing to a
    /// Windows process, which would take its parent for gone.
    /// </summary>
    private CapturedProcess StartUnderWine(string exe, int seedPort, int gossipPort)
    {
        // Windows looks for DLLs in the working directory too: the test's own folder of Linux builds is no place to start in.
        var info = new ProcessStartInfo(WineFactAttribute.FindWine()!) { WorkingDirectory = _root.Path };
        info.ArgumentList.Add(exe);

        // The test host's .NET variables name Linux paths and this runtime; the Windows runtime must not read them.
        foreach (var key in info.Environment.Keys.Where(IsDotnetVariable).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in WineEnvironment())
        {
            info.Environment[key] = value;
        }

        info.Environment["PSSTD_NODE_NAME"] = WindowsNode;
        info.Environment["PSSTD_DB"] = "Z:" + _root.File("windows-state").Replace('/', '\\');
        info.Environment["PSSTD_GOSSIP"] = $"127.0.0.1:{gossipPort}";
        info.Environment["PSSTD_SEEDS"] = $"127.0.0.1:{seedPort}";
        info.Environment["PSSTD_MDNS"] = "false";
        info.Environment.Remove("PSSTD_PARENT_PID");
        return CapturedProcess.Start(info, "wine");
    }

    /// <summary>
    /// Waits for this prefix's wineserver to end (it lingers a few seconds after its last process), so
    /// it does not write the prefix's registry back into a directory being removed.
    /// </summary>
    private async Task WaitForWineServerAsync()
    {
        var info = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(WineFactAttribute.FindWine()!)!, "wineserver"));
        info.ArgumentList.Add("-w");
        foreach (var (key, value) in WineEnvironment())
        {
            info.Environment[key] = value;
        }

        using var wait = CapturedProcess.Start(info, "wineserver");
        await wait.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    private static bool IsDotnetVariable(string name) =>
        name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COREHOST_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase);

    private Dictionary<string, string> WineEnvironment() => new()
    {
        ["WINEPREFIX"] = _root.File("prefix"),
        ["WINEDEBUG"] = "-all",
        // Gecko is not installed into the prefix. mscoree stays: Wine loads .NET assemblies through it.
        ["WINEDLLOVERRIDES"] = "mshtml=",
    };
}
