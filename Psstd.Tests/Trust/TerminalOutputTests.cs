using System.Collections.Concurrent;
using Psstd.Agent.Terminal;
using Psstd.ClusterView;
using Psstd.Contracts;
using Psstd.Tests.Cli;
using static Psstd.Tests.Terminal.TerminalFixtures;

namespace Psstd.Tests.Trust;

/// <summary>
/// Issue row 10: names, versions and addresses with ESC, BEL, CR and bidirectional marks, served by the socket as an
/// older agent (or another program on it) would, never reach the operator's terminal from any command.
/// </summary>
public sealed class TerminalOutputTests
{
    private const string SetTitle = "\u001b]0;pwned\u0007";
    private const string ClearScreen = "\u001b[2J\u001b[H";

    private static readonly ClusterSnapshot Hostile = Snapshot() with
    {
        Nodes =
        [
            .. Snapshot().Nodes,
            Node(7, $"{SetTitle}evil\r", NodeHealth.Fresh, 1, Psstd.Tests.Terminal.TerminalFixtures.Metrics(2, cpu: 99, memUsed: 1, memTotal: 2, load: 1), version: $"9.9{ClearScreen}") with
            {
                GossipAddress = "10.0.0.7:7947\u202Egnp",
                DashboardUrl = "http://10.0.0.7:8080/\u001b[31m",
            },
            Node(8, "offline\u0007one", NodeHealth.Offline, 99, Psstd.Tests.Terminal.TerminalFixtures.Metrics(2, cpu: 1, memUsed: 1, memTotal: 2, load: 0), version: "0.1.0\u001b[2K"),
        ],
    };

    [Theory]
    [InlineData("nodes")]
    [InlineData("doctor")]
    [InlineData("top", "--once")]
    [InlineData("top", "--once", "--list")]
    public async Task EveryCommand_WritesNoControlCharacters(params string[] args)
    {
        await using var agent = await CliStandIn.StartAsync(new ConcurrentQueue<string>(), snapshot: Hostile);

        var run = await CliRun.RunAsync(agent.SocketPath, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("evil", run.Out, StringComparison.Ordinal);
        AssertPrintable(run.Out);
        AssertPrintable(run.Error);
    }

    [Fact]
    public void LiveView_Markup_CarriesNoControlCharacters()
    {
        var frame = TerminalRenderer.Render(Hostile, 160, new TerminalOptions(Now, Interactive: true));

        var markup = frame.ToMarkup();

        Assert.Contains("evil", markup, StringComparison.Ordinal);
        AssertPrintable(markup);
    }

    private static void AssertPrintable(string text) =>
        Assert.All(text, c => Assert.False(c != '\n' && PrintableText.IsUnsafe(c), $"U+{(int)c:X4} reached the terminal"));
}
