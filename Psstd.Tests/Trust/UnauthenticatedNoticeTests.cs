using System.Collections.Concurrent;
using Psstd.Agent.Configuration;
using Psstd.Agent.Terminal;
using Psstd.ClusterView;
using Psstd.Tests.Cli;
using Psstd.Tests.Dashboard;
using static Psstd.Tests.Terminal.TerminalFixtures;

namespace Psstd.Tests.Trust;

/// <summary>
/// Issue item 6: an agent without <c>PSSTD_KEY</c> that gossips beyond this machine says so in its snapshot, and
/// the dashboard, <c>top</c> and <c>doctor</c> all show "gossip is not authenticated".
/// </summary>
public sealed class UnauthenticatedNoticeTests
{
    [Theory]
    [InlineData(":7947", null, false, true)]
    [InlineData("10.0.0.1:7947", null, false, true)]
    [InlineData("127.0.0.1:7947", null, false, false)]
    [InlineData("127.0.0.1:7947", "10.0.0.1:7947", false, true)]
    [InlineData("[::1]:7947", null, false, false)]
    [InlineData(":7947", null, true, false)]
    public void Unauthenticated_WhenUnkeyedAndReachableFromOtherHosts(string gossip, string? advertise, bool keyed, bool expected)
    {
        var env = new Dictionary<string, string> { ["PSSTD_GOSSIP"] = gossip };
        if (advertise is not null)
        {
            env["PSSTD_ADVERTISE_GOSSIP"] = advertise;
        }

        if (keyed)
        {
            env["PSSTD_KEY"] = Convert.ToBase64String(new byte[32]);
        }

        Assert.Equal(expected, AgentSettings.FromEnvironment(env, "host-a", "10.0.0.1").GossipUnauthenticated);
    }

    [Fact]
    public void Top_SaysSo_InItsHeader()
    {
        var text = TerminalRenderer.Render(Snapshot() with { GossipUnauthenticated = true }, 160, new TerminalOptions(Now)).ToPlainText();
        var keyed = TerminalRenderer.Render(Snapshot(), 160, new TerminalOptions(Now)).ToPlainText();

        Assert.Contains(TrustNotice.Unauthenticated, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TrustNotice.Unauthenticated, keyed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_SaysSo_WithTheFix()
    {
        await using var agent = await CliStandIn.StartAsync(new ConcurrentQueue<string>(), snapshot: Snapshot() with { GossipUnauthenticated = true });

        var run = await CliRun.RunAsync(agent.SocketPath, "doctor");

        Assert.Contains("trust     gossip is not authenticated", run.Out, StringComparison.Ordinal);
        Assert.Contains("PSSTD_KEY", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_SaysSo_InTheSummary()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(TestSnapshots.Snapshot(TestSnapshots.Node("a", isSelf: true)) with { GossipUnauthenticated = true });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal(TrustNotice.Unauthenticated, doc.QuerySelector(".summary-unauthenticated")?.TextContent);
    }
}
