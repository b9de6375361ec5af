using Psstd.Agent.Terminal;
using Psstd.Contracts;
using static Psstd.Tests.Terminal.TerminalFixtures;
using Psstd.ClusterView;

namespace Psstd.Tests.Terminal;

public sealed class TerminalRendererTests
{
    private static string Render(int width, SortKey sort = SortKey.Name, bool list = false) =>
        TerminalRenderer.Render(Snapshot(), width, new TerminalOptions(Now, sort, list)).ToPlainText();

    [Fact]
    public void Grid_Narrow_MatchesSnapshot() => TextSnapshot.Matches("grid-40", Render(40));

    [Fact]
    public void Grid_Wide_MatchesSnapshot() => TextSnapshot.Matches("grid-130-cpu", Render(130, SortKey.Cpu));

    [Fact]
    public void List_MatchesSnapshot() => TextSnapshot.Matches("list-150-mem", Render(150, SortKey.Mem, list: true));

    [Theory]
    [InlineData(40, 1)]
    [InlineData(81, 1)]
    [InlineData(82, 2)]
    [InlineData(130, 3)]
    [InlineData(200, 4)]
    public void Grid_PutsAsManyCellsSideBySideAsTheWidthHolds(int width, int columns)
    {
        var firstRow = Render(width).Split('\n').First(l => l.Contains('●', StringComparison.Ordinal));

        Assert.Equal(columns, firstRow.Count(c => c == '●'));
        Assert.All(Render(width).Split('\n'), line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
    }

    [Fact]
    public void List_IsCutAtTheWidth_NeverWrapped()
    {
        var lines = Render(60, SortKey.Name, list: true).Split('\n');

        Assert.Equal("● alpha *            updated 1s ago     cpu  25% max  99% me", lines.First(l => l.StartsWith('●')));
        Assert.All(lines, line => Assert.True(line.Length <= 60, line));
    }

    [Fact]
    public void Header_And_Summary_WrapAtNarrowWidths()
    {
        var lines = Render(40).Split('\n');

        Assert.Equal("psstd · cluster lab · 6 nodes", lines[0]);
        Assert.Equal("2026-01-31 12:00:05Z · sort name", lines[1]);
        Assert.Equal("fresh 2 · stale 1 · suspect 1", lines[2]);
        Assert.Equal("offline 1 · left 1", lines[3]);
        Assert.Equal("hottest beta 91% cpu", lines[4]);
    }

    [Fact]
    public void Header_And_Summary_CountEveryStateAndNameTheHottestLiveNode()
    {
        var lines = Render(200).Split('\n');

        Assert.Equal("psstd · cluster lab · 6 nodes · 2026-01-31 12:00:05Z · sort name", lines[0]);
        Assert.Equal("fresh 2 · stale 1 · suspect 1 · offline 1 · left 1 · hottest beta 91% cpu", lines[1]);
    }

    [Fact]
    public void Header_PastTheGossipBudget_SaysHowOftenNodesReport()
    {
        var snapshot = Snapshot();
        var paced = snapshot with { PublishStride = 5, Nodes = [.. snapshot.Nodes.Select(n => n with { IntervalSeconds = n.IsSelf ? 5 : 1 })] };

        var lines = TerminalRenderer.Render(paced, 200, new TerminalOptions(Now, SortKey.Name, false)).ToPlainText().Split('\n');

        Assert.Equal("psstd · cluster lab · 6 nodes · 2026-01-31 12:00:05Z · sort name · large cluster: nodes report every 5 s to stay within the gossip budget", lines[0]);
    }

    [Fact]
    public void Header_PublishingEveryInterval_SaysNothingAboutPace()
    {
        var snapshot = Snapshot();
        var everyInterval = snapshot with { Nodes = [.. snapshot.Nodes.Select(n => n with { IntervalSeconds = 1 })] };

        var text = TerminalRenderer.Render(everyInterval, 200, new TerminalOptions(Now, SortKey.Name, false)).ToPlainText();

        Assert.DoesNotContain("gossip budget", text, StringComparison.Ordinal);
        Assert.StartsWith("psstd · cluster lab · 6 nodes · 2026-01-31 12:00:05Z · sort name\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Node128Cores_GetsADenseStripOfOneCharacterPerCore_OverFourLines()
    {
        var text = Render(40, SortKey.Cpu); // sorted by cpu: beta (91), gamma (60), ...
        var gamma = text.Split("\n\n").Single(cell => cell.Contains("● gamma", StringComparison.Ordinal)).Split('\n');
        var strip = gamma.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, strip.Count);
        Assert.Equal(128, strip.Sum(l => l.Trim().Length));
        Assert.Equal("cpu 60%  max 100% · 128 cores", gamma[1]);
        Assert.EndsWith("v0.2.0 ≠ v0.1.0", gamma[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SortKey.Name, "alpha,beta,delta,epsilon,gamma,zeta")]
    [InlineData(SortKey.Cpu, "beta,gamma,zeta,alpha,delta,epsilon")]
    [InlineData(SortKey.MemTotal, "gamma,zeta,beta,alpha,delta,epsilon")]
    [InlineData(SortKey.Load1, "gamma,beta,zeta,alpha,delta,epsilon")]
    [InlineData(SortKey.Age, "delta,beta,zeta,epsilon,alpha,gamma")]
    public void List_FollowsTheSortKey(SortKey sort, string order)
    {
        var names = Render(150, sort, list: true).Split('\n').Skip(3).Where(l => l.Length > 0).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

        Assert.Equal(order, string.Join(',', names));
    }

    [Theory]
    [InlineData(NodeHealth.Fresh, 2.4, "updated 2s ago")]
    [InlineData(NodeHealth.Stale, 9.7, "stale, 9s ago")]
    [InlineData(NodeHealth.Suspect, 4, "suspect, 4s ago")]
    [InlineData(NodeHealth.Offline, 125, "offline, 2m ago")]
    [InlineData(NodeHealth.Left, 3, "left")]
    [InlineData(NodeHealth.Forgotten, 3, "forgotten")]
    public void Freshness_SaysStateAndAge(NodeHealth health, double age, string expected) =>
        Assert.Equal(expected, TerminalFormat.Freshness(Node(1, "a", health, age, NodeMetrics.Empty)));

    [Fact]
    public void CoreStrip_GroupsCoresByTheirBusiestWhenThereIsNoRoom()
    {
        Assert.Equal("▁█▁▅", TerminalFormat.CoreStrip([0, 100, 0, 57], 8));
        Assert.Equal("██", TerminalFormat.CoreStrip([0, 100, 0, 100], 2));
        Assert.Equal("▁▅", TerminalFormat.CoreStrip([0, 0, 10, 57], 2));
    }

    [Fact]
    public void Markup_EscapesNodeNames()
    {
        var snapshot = Snapshot() with { Nodes = [Node(1, "[red]x", NodeHealth.Fresh, 1, NodeMetrics.Empty)] };

        var markup = TerminalRenderer.Render(snapshot, 80, new TerminalOptions(Now)).ToMarkup();

        Assert.Contains("[[red]]x", markup, StringComparison.Ordinal);
        Spectre.Console.Markup.Remove(markup); // parses: throws on unbalanced markup
    }
}
