using System.Net;
using System.Security.Cryptography;
using Psstd.AppHost.Running;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>
/// The linux-x64 release archive, built by <c>deploy/release/build-all.sh</c> as a user would get it,
/// unpacked and run from its folder: agent and dashboard must form a working pair.
/// </summary>
/// <remarks>
/// Its own category (Release): the self-contained publish takes about a minute, so it can be left out
/// of quick runs (<c>Category!=Release</c>) while the other integration tests still run.
/// </remarks>
[Collection(RealProcesses.Name)]
[Trait("Category", "Release")]
public sealed class ReleaseBuildTests : IDisposable
{
    private const string NodeName = "release-node";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task LinuxX64Archive_RunsAsAWorkingPair_FromItsOwnFolder_AndTellsSystemdReadyAndStopping()
    {
        var outDir = _dir.File("out");
        var build = await Tool.RunAsync("bash", "bash", [RepositoryRoot.File("deploy", "release", "build-all.sh"), "--rid", "linux-x64", "--out", outDir],
            BuildTimeout, environment: WithoutMsBuildOfTheTestRun());
        build.ShouldSucceed("build-all.sh --rid linux-x64");

        var archive = Assert.Single(Directory.GetFiles(outDir, "psstd-*-linux-x64.tar.gz"));
        AssertChecksumListed(outDir, archive);

        var unpacked = _dir.File("x");
        Directory.CreateDirectory(unpacked);
        (await Tool.RunAsync("tar", "tar", ["-xzf", archive, "-C", unpacked], TimeSpan.FromSeconds(60))).ShouldSucceed("tar -xzf");
        var folder = Assert.Single(Directory.GetDirectories(unpacked));
        var version = Path.GetFileName(folder)["psstd-".Length..^"-linux-x64".Length];

        // The gossip port must be free for TCP too: the agent takes streams on it.
        var ports = PortPicker.Pick(TestPorts.Next(), 2, udpToo: true);
        var http = $"127.0.0.1:{ports[0]}";
        var environment = new Dictionary<string, string>
        {
            ["PSSTD_NODE_NAME"] = NodeName,
            ["PSSTD_DB"] = _dir.File("state"),
            ["PSSTD_SOCKET"] = _dir.File("agent.sock"),
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{ports[1]}",
            ["PSSTD_HTTP"] = http,
            ["PSSTD_MDNS"] = "false",
        };

        // Each process gets its own stand-in for systemd's NOTIFY_SOCKET, as each unit has its own.
        using var agentNotify = new NotifyListener(_dir.File("agent.notify"));
        using var dashboardNotify = new NotifyListener(_dir.File("dash.notify"));
        using var agent = PublishedProcess.Start(Path.Combine(folder, "psstd-agent"), With(environment, "NOTIFY_SOCKET", _dir.File("agent.notify")));
        using var dashboard = PublishedProcess.Start(Path.Combine(folder, "psstd-dashboard"), With(environment, "NOTIFY_SOCKET", _dir.File("dash.notify")));
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var dashboardUrl = new Uri($"http://{http}/");

            await Eventually.ReturnsAsync("the dashboard's /healthz answers 200", ReadyTimeout, async ct =>
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(dashboardUrl, "healthz"), ct);
                    return response.StatusCode == HttpStatusCode.OK ? response.StatusCode.ToString() : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            });

            var cells = await Eventually.ReturnsAsync($"the page lists {NodeName} fresh", ReadyTimeout, async ct =>
            {
                var shown = await DashboardPage.TryReadAsync(dashboardUrl, ct);
                return shown.Any(c => c.Name == NodeName && c.State == "fresh") ? shown : null;
            });
            Assert.Equal(NodeName, Assert.Single(cells).Name);

            var html = await client.GetStringAsync(dashboardUrl);
            Assert.Contains($"v{version}", html, StringComparison.Ordinal);

            // The archive's agent is the NativeAOT build: no assembly beside it, and it says so itself.
            Assert.False(File.Exists(Path.Combine(folder, "psstd-agent.dll")), "the linux-x64 archive holds psstd-agent.dll: the agent was not published NativeAOT");
            var status = (await Tool.RunAsync(Path.Combine(folder, "psstd-agent"), "psstd", ["status", "--socket", _dir.File("agent.sock")], NotifyTimeout))
                .ShouldSucceed("psstd-agent status");
            Assert.Contains($"agent {version} (NativeAOT)", status.Output, StringComparison.Ordinal);

            // What Type=notify units rely on: READY=1 once listening, STOPPING=1 and exit 0 on SIGTERM.
            Assert.Equal("READY=1", await agentNotify.ReceiveAsync(NotifyTimeout));
            Assert.Equal("READY=1", await dashboardNotify.ReceiveAsync(NotifyTimeout));
            Assert.Equal(0, await dashboard.TerminateAsync(NotifyTimeout));
            Assert.Equal("STOPPING=1", await dashboardNotify.ReceiveAsync(NotifyTimeout));
            Assert.Equal(0, await agent.TerminateAsync(NotifyTimeout));
            Assert.Equal("STOPPING=1", await agentNotify.ReceiveAsync(NotifyTimeout));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- build\n{build.Output}\n--- processes\n{agent.Output}{dashboard.Output}");
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, string key, string value) =>
        new(environment) { [key] = value };

    private static void AssertChecksumListed(string outDir, string archive)
    {
        using var stream = File.OpenRead(archive);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        var sums = File.ReadAllLines(Path.Combine(outDir, "SHA256SUMS"));
        Assert.Contains($"{hash}  {Path.GetFileName(archive)}", sums);
    }

    /// <summary>
    /// <c>dotnet test</c> exports MSBuild's own locations to the test host; a nested <c>dotnet publish</c>
    /// must find its SDK afresh.
    /// </summary>
    private static Dictionary<string, string?> WithoutMsBuildOfTheTestRun() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBuild", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null);

    public void Dispose() => _dir.Dispose();
}
