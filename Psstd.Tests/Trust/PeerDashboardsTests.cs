using Psstd.Configuration;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Trust;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Trust;

/// <summary>Issue rows 4 and 11, the rule itself: which gossiped dashboard URLs a page may link or send a browser to.</summary>
public sealed class PeerDashboardsTests
{
    [Theory]
    [InlineData("http://10.0.1.25:8080/", "10.0.1.25:7947", "http://10.0.1.25:8080/")]
    [InlineData("http://10.0.1.25:9999/x", "10.0.1.25:7947", "http://10.0.1.25:9999/x")]
    [InlineData("http://localhost:5001/", "127.0.0.1:7950", "http://localhost:5001/")]
    [InlineData("http://127.0.0.1:5001/", "[::1]:7950", "http://127.0.0.1:5001/")]
    [InlineData("http://[fd00::5]:8080/", "[fd00::5]:7947", "http://[fd00::5]:8080/")]
    [InlineData("http://evil.example/", "127.0.0.66:7947", null)]
    [InlineData("http://10.0.1.26:8080/", "10.0.1.25:7947", null)]
    [InlineData("http://localhost:8080/", "10.0.1.25:7947", null)]
    [InlineData("http://user:pw@10.0.1.25:8080/", "10.0.1.25:7947", null)]
    [InlineData("http://10.0.1.25:8080/x\r\nSet-Cookie: a=b", "10.0.1.25:7947", null)]
    [InlineData("javascript:alert(1)", "10.0.1.25:7947", null)]
    [InlineData("", "10.0.1.25:7947", null)]
    public void ByDefault_OnlyThePeersOwnGossipHost_IsLinked(string url, string gossip, string? expected) =>
        Assert.Equal(expected, new PeerDashboards(DashboardHosts.None).UrlOf(Node("n", dashboardUrl: url, gossipAddress: gossip)));

    [Theory]
    [InlineData("psstd.example.com", "https://psstd.example.com/?psstd_node=b", true)]
    [InlineData("*.example.com", "https://psstd-node-b.example.com/", true)]
    [InlineData("*.example.com", "https://example.com/", false)]
    [InlineData("*.example.com", "https://evil.example/", false)]
    [InlineData("psstd.example.com", "https://psstd.example.com.evil.example/", false)]
    [InlineData("*", "https://anything.example/", true)]
    public void ListedHosts_AreLinked_WhereverThePeerGossips(string listed, string url, bool linked)
    {
        var peers = new PeerDashboards(Hosts(listed));

        Assert.Equal(linked ? url : null, peers.UrlOf(Node("n", dashboardUrl: url, gossipAddress: "10.0.1.25:7947")));
    }

    [Fact]
    public void NonAsciiUrl_IsNormalised_ToWhatAHeaderCanCarry()
    {
        var peers = new PeerDashboards(Hosts("*.example"));

        var url = peers.UrlOf(Node("n", dashboardUrl: "http://bücher.example/ü", gossipAddress: "10.0.1.25:7947"));

        Assert.Equal("http://xn--bcher-kva.example/%C3%BC", url);
    }

    [Theory]
    [InlineData("http://x.example/")]
    [InlineData("a,,b:80")]
    [InlineData("a/b")]
    [InlineData("*.")]
    public void BadHostList_IsRefusedNamingTheSetting(string value)
    {
        var read = new SettingsReader(new Dictionary<string, string> { [DashboardHosts.Variable] = value });

        DashboardHosts.Read(read);

        var error = Assert.Single(read.Errors);
        Assert.Equal(DashboardHosts.Variable, error.Variable);
        Assert.Contains("host names", error.Rule, StringComparison.Ordinal);
    }

    private static DashboardHosts Hosts(string listed)
    {
        var read = new SettingsReader(new Dictionary<string, string> { [DashboardHosts.Variable] = listed });
        var hosts = DashboardHosts.Read(read);
        Assert.Empty(read.Errors);
        return hosts;
    }
}
