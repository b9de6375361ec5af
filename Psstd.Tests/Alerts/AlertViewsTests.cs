using System.Net;
using Psstd.Agent.Terminal;
using Psstd.Contracts;
using Psstd.Tests.Dashboard;
using static Psstd.Tests.Terminal.TerminalFixtures;

namespace Psstd.Tests.Alerts;

/// <summary>The firing alerts the agent reports are listed on every dashboard (cluster and node page) and in <c>top</c>.</summary>
public sealed class AlertViewsTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private static FiringAlert Alert(NodeSnapshot node, string rule, string severity = "warning") =>
        new($"k-{rule}", rule, severity, node.Id, node.Name, "95.2 %", "cpu above 90 % for 5m", Since, "node-b");

    [Fact]
    public async Task TheClusterPage_ListsFiringAlerts_MostSevereFirst_WithTheNotifier()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true);
        var c = TestSnapshots.Node("node-c");
        factory.Agent.Serve(TestSnapshots.Snapshot(a, c) with { Alerts = [Alert(c, "disk-full", "critical"), Alert(a, "cpu-high")] });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("2 alerts firing", doc.QuerySelector("#alerts .alerts-title")?.TextContent);
        var items = doc.QuerySelectorAll("#alerts .alert");
        Assert.Equal(["disk-full", "cpu-high"], items.Select(i => i.GetAttribute("data-rule")));
        Assert.Contains("alert-critical", items[0].ClassList);
        Assert.Equal("/nodes/node-c", items[0].QuerySelector("a.alert-node")?.GetAttribute("href")?.Split('?')[0]);
        Assert.Equal("notified by node-b", items[0].QuerySelector(".alert-notifier")?.TextContent);
    }

    [Fact]
    public async Task TheClusterPage_MarksSilencedAlerts_ListsSilences_AndNodesOnOtherRules()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true) with { AlertsFingerprint = "0123456789abcdef" };
        var b = TestSnapshots.Node("node-b") with { AlertsFingerprint = "0123456789abcdef" };
        var c = TestSnapshots.Node("node-c");
        var silence = new AlertSilence(Guid.NewGuid(), "cpu-*", "", 5430, "<b>upgrade</b>", b.Id, "node-b", Honoured: true);
        factory.Agent.Serve(TestSnapshots.Snapshot(a, b, c) with { Alerts = [Alert(c, "cpu-high") with { Silenced = true }], Silences = [silence] });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        var item = Assert.Single(doc.QuerySelectorAll("#alerts .alert"));
        Assert.Equal("silenced", item.QuerySelector(".alert-silenced")?.TextContent);
        Assert.Null(item.QuerySelector(".alert-notifier"));
        Assert.Equal("1 node runs other alert rules or none: it is not asked to notify", doc.QuerySelector("#alerts .alerts-disagree")?.TextContent);
        Assert.Equal("silenced: cpu-* on every node for 1h 30m more (<b>upgrade</b>), set on node-b", doc.QuerySelector("#alerts .silence")?.TextContent);
        Assert.Empty(doc.QuerySelectorAll("#alerts .silence b")); // peer text stays text
    }

    [Fact]
    public async Task TheHeatmapPage_ListsFiringAlerts_AndFetchesThemAgainFromAlerts()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true);
        var c = TestSnapshots.Node("node-c");
        factory.Agent.Serve(TestSnapshots.Snapshot(a, c) with { Alerts = [Alert(c, "disk-full", "critical")] });
        var client = factory.CreateClient();

        var (_, _, page) = await Html.GetAsync(client, "/?view=heatmap&theme=dark");
        var (response, _, section) = await Html.GetAsync(client, "/alerts?view=heatmap&theme=dark", htmx: true);

        Assert.NotNull(page.QuerySelector("#heatmap"));
        var poll = page.QuerySelector("#alerts-poll")!;
        Assert.Equal("/alerts?view=heatmap&theme=dark", poll.GetAttribute("hx-get"));
        Assert.Equal("disk-full", poll.QuerySelector("#alerts .alert")?.GetAttribute("data-rule"));
        Assert.Null(poll.QuerySelector("#alerts")!.GetAttribute("hx-swap-oob")); // swapped into the poll, not out of band
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1 alert firing", section.QuerySelector("#alerts .alerts-title")?.TextContent);
        Assert.Null(section.QuerySelector("#alerts")!.GetAttribute("hx-swap-oob"));
        Assert.Contains("theme=dark", section.QuerySelector("a.alert-node")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGridsPoll_CarriesTheAlertsOutOfBand()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true);
        factory.Agent.Serve(TestSnapshots.Snapshot(a) with { Alerts = [Alert(a, "cpu-high")] });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/", htmx: true);

        Assert.Equal("true", doc.QuerySelector("#alerts")!.GetAttribute("hx-swap-oob"));
        Assert.Equal("cpu-high", doc.QuerySelector("#alerts .alert")?.GetAttribute("data-rule"));
    }

    [Fact]
    public async Task NoAlerts_NoList()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(TestSnapshots.Snapshot(TestSnapshots.Node("node-a", isSelf: true)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.NotNull(doc.QuerySelector("#alerts"));
        Assert.Empty(doc.QuerySelectorAll("#alerts .alert"));
    }

    [Fact]
    public async Task AnUnknownSeverity_NeverBecomesAClassName()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true);
        factory.Agent.Serve(TestSnapshots.Snapshot(a) with { Alerts = [Alert(a, "cpu-high", "x\" onmouseover=\"evil")] });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("alert alert-warning", doc.QuerySelector("#alerts .alert")?.GetAttribute("class"));
    }

    [Fact]
    public async Task TheNodePage_ListsOnlyItsOwnAlerts()
    {
        using var factory = new DashboardFactory();
        var a = TestSnapshots.Node("node-a", isSelf: true);
        var c = TestSnapshots.Node("node-c");
        factory.Agent.Serve(TestSnapshots.Snapshot(a, c) with { Alerts = [Alert(c, "disk-full", "critical"), Alert(a, "cpu-high")] });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/node-c");

        Assert.Equal(["disk-full"], doc.QuerySelectorAll(".alerts .alert").Select(i => i.GetAttribute("data-rule")));
    }

    [Fact]
    public void Top_ListsFiringAlerts_AndCountsThoseItCannotShow()
    {
        var snapshot = Snapshot();
        var node = snapshot.Nodes[0];
        var alerts = Enumerable.Range(1, TerminalRenderer.MaxAlertLines + 2).Select(i => Alert(node, $"rule-{i}")).ToArray();

        var text = TerminalRenderer.Render(snapshot with { Alerts = alerts }, 160, new TerminalOptions(Now)).ToPlainText();

        Assert.Contains($"ALERT warning rule-1 on {node.Name}: 95.2 % (cpu above 90 % for 5m)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rule-6 ", text, StringComparison.Ordinal);
        Assert.Contains("and 2 more alerts firing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ALERT", TerminalRenderer.Render(snapshot, 160, new TerminalOptions(Now)).ToPlainText(), StringComparison.Ordinal);
    }
}
