using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Psstd.Agent.LocalApi;
using Psstd.AppHost.Model;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// Issue row 12 with a second user: another user makes the socket's directory first in a directory everyone may
/// write (as <c>/tmp/psstd-$USER</c> could be) and serves a fake agent there. The agent refuses the directory, and
/// the real CLI refuses the server; the same user serving from a directory nobody else could make
/// (<c>/run/psstd</c> under systemd) is still trusted.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
[SupportedOSPlatform("linux")]
public sealed class LocalSocketOwnerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new();

    [SecondUserFact]
    public async Task AgentRefusesADirectoryAnotherUserOwns()
    {
        var squatted = await DirectoryOfNobodyAsync(sharedParent: true);

        var ex = Assert.Throws<StartupConfigurationException>(() => SocketFile.PrepareForBind(Path.Combine(squatted, "agent.sock")));

        Assert.Contains("another user owns", ex.Message, StringComparison.Ordinal);
    }

    [SecondUserFact]
    public async Task Cli_RefusesAFakeAgentServedByAnotherUser_InADirectoryAnyoneCouldHaveMade()
    {
        var socket = Path.Combine(await DirectoryOfNobodyAsync(sharedParent: true), "agent.sock");
        using var fake = await ServeAsNobodyAsync(socket);

        using var cli = await RunCliAsync(socket);

        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains($"is served by user {SecondUserFactAttribute.Nobody}", cli.StandardError, StringComparison.Ordinal);
        Assert.Contains("not trusting it", cli.StandardError, StringComparison.Ordinal);
    }

    [SecondUserFact]
    public async Task Cli_TrustsTheOwnerOfADirectoryNobodyElseCouldHaveMade()
    {
        var socket = Path.Combine(await DirectoryOfNobodyAsync(sharedParent: false), "agent.sock");
        using var agentUser = await ServeAsNobodyAsync(socket);

        using var cli = await RunCliAsync(socket);

        Assert.DoesNotContain("not trusting it", cli.StandardError, StringComparison.Ordinal);
        Assert.Contains("answered", cli.StandardError + cli.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>A directory owned by nobody, in a parent every user may write (like /tmp) or only root may.</summary>
    private async Task<string> DirectoryOfNobodyAsync(bool sharedParent)
    {
        var parent = Path.Combine(_root.Path, sharedParent ? "shared" : "private");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, sharedParent ? (UnixFileMode)0x1FF : (UnixFileMode)0x1ED);
        var directory = Path.Combine(parent, "psstd-victim");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(_root.Path, (UnixFileMode)0x1ED);
        var nobody = SecondUserFactAttribute.Nobody.ToString(CultureInfo.InvariantCulture);
        using var chown = CapturedProcess.Start(new ProcessStartInfo("/usr/bin/chown", [$"{nobody}:{nobody}", directory]));
        await chown.WaitForExitAsync(Timeout);
        Assert.Equal(0, chown.ExitCode);
        return directory;
    }

    /// <summary>A stand-in that answers every HTTP request with an empty JSON object, run as nobody.</summary>
    private static async Task<CapturedProcess> ServeAsNobodyAsync(string socket)
    {
        const string Serve = """
            use IO::Socket::UNIX; $| = 1;
            my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0], Listen => 5) or die "listen: $!";
            print "ready\n";
            while (my $c = $s->accept) { my $b; sysread($c, $b, 65536); print $c "HTTP/1.1 500 Fake\r\nContent-Length: 4\r\nConnection: close\r\n\r\nfake"; close $c; }
            """;
        var nobody = SecondUserFactAttribute.Nobody.ToString(CultureInfo.InvariantCulture);
        var server = CapturedProcess.Start(new ProcessStartInfo("/usr/bin/setpriv", [$"--reuid={nobody}", $"--regid={nobody}", "--clear-groups", "/usr/bin/perl", "-e", Serve, socket]), "fake-agent");
        try
        {
            await server.WaitForOutputAsync(line => line.Contains("ready", StringComparison.Ordinal), Timeout);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static async Task<CapturedProcess> RunCliAsync(string socket)
    {
        var cli = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, new Dictionary<string, string> { ["PSSTD_SOCKET"] = socket }, "nodes");
        await cli.WaitForExitAsync(Timeout);
        return cli;
    }

    public void Dispose() => _root.Dispose();
}
