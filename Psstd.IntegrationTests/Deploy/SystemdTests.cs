using System.Runtime.Versioning;
using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>
/// The units as systemd reads them: installed by install.sh into a temporary root (stub executables
/// at the paths the units name), then <c>systemd-analyze verify --root</c>, which needs no running systemd.
/// </summary>
[Trait("Category", "Deploy")]
[SupportedOSPlatform("linux")]
public sealed class SystemdTests : IDisposable
{
    private static readonly string[] Units = ["psstd-agent.service", "psstd-dashboard.service"];
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task InstalledUnits_PassSystemdAnalyzeVerify()
    {
        var root = _dir.File("root");
        await InstallIntoAsync(root);

        // verify resolves the units' default dependencies (sysinit.target, ...) inside the root.
        CopyDirectory("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        foreach (var unit in Units)
        {
            var execStart = UnitFile.Read(Path.Combine(root, "etc", "systemd", "system", unit)).Single("ExecStart");
            Assert.True(File.Exists(root + execStart), $"{unit} names {execStart}, which install.sh did not put there");
        }

        var result = await Tool.RunAsync("systemd-analyze", "systemd", ["verify", $"--root={root}", .. Units.Select(u => $"/etc/systemd/system/{u}")], TimeSpan.FromSeconds(60));

        result.ShouldSucceed("systemd-analyze verify");
        Assert.True(result.Output.Trim().Length == 0, $"systemd-analyze verify warned:\n{result.Output}");
    }

    /// <summary>
    /// systemd's own hardening review, offline: exposure at most 3.5 of 10 ("OK"). 3.1 and 2.9 when
    /// written; what is left is mostly network access and the missing system call filter.
    /// </summary>
    [Theory]
    [InlineData("psstd-agent.service")]
    [InlineData("psstd-dashboard.service")]
    public async Task InstalledUnit_PassesSystemdSecurityReview(string unit)
    {
        var root = _dir.File("root");
        await InstallIntoAsync(root);
        CopyDirectory("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));

        var result = await Tool.RunAsync("systemd-analyze", "systemd",
            ["security", "--offline=true", "--threshold=35", "--no-pager", $"--root={root}", $"/etc/systemd/system/{unit}"], TimeSpan.FromSeconds(60));

        result.ShouldSucceed($"systemd-analyze security {unit}");
        Assert.Contains($"Overall exposure level for {unit}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenUnit_IsCaughtByTheSameCheck()
    {
        var root = _dir.File("root");
        await InstallIntoAsync(root);
        CopyDirectory("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        File.Delete(Path.Combine(root, "opt", "psstd", "psstd-dashboard"));

        var result = await Tool.RunAsync("systemd-analyze", "systemd", ["verify", $"--root={root}", "/etc/systemd/system/psstd-dashboard.service"], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/opt/psstd/psstd-dashboard", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("psstd-agent.service")]
    [InlineData("psstd-dashboard.service")]
    public void Unit_IsNotifyTypeHardenedAndRestartedOnFailure(string unit)
    {
        var file = UnitFile.Read(DeployFiles.Full($"deploy/systemd/{unit}"));

        Assert.Equal("notify", file.Single("Type"));
        Assert.Equal("on-failure", file.Single("Restart"));
        Assert.Equal("psstd", file.Single("User"));
        Assert.Equal("yes", file.Single("NoNewPrivileges"));
        Assert.Equal("strict", file.Single("ProtectSystem"));
        Assert.Equal("yes", file.Single("ProtectHome"));
        Assert.Equal("yes", file.Single("PrivateTmp"));
        Assert.Equal("", file.Single("CapabilityBoundingSet"));
        Assert.Equal("/etc/psstd/psstd.env", file.Single("EnvironmentFile"));
        Assert.Contains("PSSTD_SOCKET=/run/psstd/agent.sock", file.All("Environment"));
    }

    [Fact]
    public void Agent_OwnsStateAndSocketDirectories()
    {
        var agent = UnitFile.Read(DeployFiles.Full("deploy/systemd/psstd-agent.service"));

        Assert.Equal("psstd", agent.Single("StateDirectory"));
        Assert.Equal("psstd", agent.Single("RuntimeDirectory"));
        Assert.Contains("PSSTD_DB=/var/lib/psstd", agent.All("Environment"));
    }

    [Fact]
    public void Dashboard_StartsAfterAndIsBoundToTheAgent()
    {
        var dashboard = UnitFile.Read(DeployFiles.Full("deploy/systemd/psstd-dashboard.service"));

        Assert.Equal("psstd-agent.service", dashboard.Single("After"));
        Assert.Equal("psstd-agent.service", dashboard.Single("BindsTo"));
        Assert.Equal("psstd-agent.service", dashboard.Single("PartOf"));
        Assert.Contains("psstd-agent.service", dashboard.Single("WantedBy").Split(' '));
    }

    [Fact]
    public async Task Install_SealsGossipWithOneKeyPerCluster_KeptByRootOnly()
    {
        var first = _dir.File("host-1");
        var second = _dir.File("host-2");

        await InstallIntoAsync(first);
        await InstallIntoAsync(second, keyFile: Path.Combine(first, "etc/psstd/cluster.key"));

        var keys = new[] { first, second }.Select(root =>
        {
            var env = Path.Combine(root, "etc/psstd/psstd.env");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "etc/psstd/cluster.key")));
            var line = Assert.Single(File.ReadAllLines(env), l => l.StartsWith("PSSTD_KEY=", StringComparison.Ordinal));
            return line["PSSTD_KEY=".Length..];
        }).ToArray();

        Assert.Equal(32, Convert.FromBase64String(keys[0]).Length);
        Assert.Equal(keys[0], keys[1]);
        var third = _dir.File("host-3");
        await InstallIntoAsync(third);
        Assert.DoesNotContain(keys[0], File.ReadAllText(Path.Combine(third, "etc/psstd/psstd.env")), StringComparison.Ordinal);
    }

    private async Task InstallIntoAsync(string root, string? keyFile = null)
    {
        var release = _dir.File("release");
        Directory.CreateDirectory(release);
        foreach (var name in new[] { "psstd-agent", "psstd-dashboard" })
        {
            var stub = Path.Combine(release, name);
            File.WriteAllText(stub, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var install = await Tool.RunAsync("sh", "dash", [DeployFiles.Full("deploy/systemd/install.sh"), release], TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string?> { ["DESTDIR"] = root, ["PSSTD_KEY_FILE"] = keyFile });
        install.ShouldSucceed("install.sh with DESTDIR");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyDirectory(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    public void Dispose() => _dir.Dispose();
}
