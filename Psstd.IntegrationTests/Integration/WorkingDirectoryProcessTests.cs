using System.Diagnostics;
using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// Service managers start the agent from <c>/</c>. The host's default watch of its content root for configuration
/// changes is recursive: from <c>/</c> it walked the whole file system and held an inotify watch per directory
/// (tens of thousands, seconds of start-up). The agent is rooted at its binary and watches nothing.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class WorkingDirectoryProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Agent_StartedFromADeepDirectory_WatchesNothingInIt()
    {
        var deep = _dir.File("cwd");
        for (var i = 0; i < 200; i++)
        {
            Directory.CreateDirectory(Path.Combine(deep, $"d{i}", "sub"));
        }

        var socket = _dir.File("agent.sock");
        var info = CapturedProcess.ProgramInfo(ChildBinaries.FromBuild().Agent, new Dictionary<string, string>
        {
            ["PSSTD_DB"] = _dir.File("state"),
            ["PSSTD_SOCKET"] = socket,
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{TestPorts.Next()}",
            ["PSSTD_MDNS"] = "false",
        });
        info.WorkingDirectory = deep;
        using var agent = CapturedProcess.Start(info, "agent");

        await AgentSnapshots.ReadAsync(socket, Timeout);

        Assert.Equal(0, InotifyWatches(agent.Id));
    }

    /// <summary>inotify watches the process holds, from /proc/PID/fdinfo.</summary>
    private static int InotifyWatches(int pid)
    {
        var watches = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (new FileInfo(fd).LinkTarget == "anon_inode:inotify")
            {
                watches += File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}").Count(l => l.StartsWith("inotify ", StringComparison.Ordinal));
            }
        }

        return watches;
    }

    public void Dispose() => _dir.Dispose();
}
