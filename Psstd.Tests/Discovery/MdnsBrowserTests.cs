using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

public sealed class MdnsBrowserTests
{
    private static readonly Guid Self = Guid.Parse("00000000-0000-0000-0000-0000000000aa");
    private readonly FakeTimeProvider _clock = new();
    private readonly DiscoveryMetrics _counters = new();
    private readonly long _start;
    private readonly MdnsBrowser _browser;

    public MdnsBrowserTests()
    {
        _start = _clock.GetTimestamp();
        _browser = new MdnsBrowser("psstd", Self, _counters, TimeSpan.FromMilliseconds(50));
    }

    private TimeSpan Now => _clock.GetElapsedTime(_start);

    private static ServiceAdvertisement Peer(string name, string cluster = "psstd", Guid? id = null, ushort port = 7947) =>
        DnsSamples.Advertisement(name, cluster, id ?? Guid.NewGuid(), port);

    private void Advance(TimeSpan span)
    {
        _clock.Advance(span);
        _browser.Expire(Now);
    }

    [Fact]
    public void Announcement_BecomesAContact_WithTheSrvPortOnEveryDialableAddress()
    {
        var peer = Peer("node-2", port: 17947);

        var changed = _browser.Observe(DnsSamples.Announcement(peer, IPAddress.Parse("10.213.7.3"), IPAddress.Parse("fd00::3"), DnsSamples.V6), Now);

        Assert.True(changed);
        var found = Assert.Single(_browser.Instances);
        Assert.Equal("node-2", found.Instance);
        Assert.Equal("http://10.213.7.2:8080/", found.DashboardUrl);
        Assert.Equal(["10.213.7.3:17947", "[fd00::3]:17947"], found.EndPoints.Select(e => e.ToString())); // link-local left out
    }

    [Fact]
    public void AnotherCluster_IsIgnored_AndCountedOncePerInstance_OurOwnAdvertIsIgnored()
    {
        var stranger = Peer("far", cluster: "other");

        _browser.Observe(DnsSamples.Announcement(stranger), Now);
        _browser.Observe(DnsSamples.Announcement(stranger), Now);
        _browser.Observe(DnsSamples.Announcement(Peer("me", id: Self)), Now);

        Assert.Empty(_browser.Instances);
        Assert.Equal(1, _counters.OtherClusterInstances);
    }

    [Fact]
    public void Goodbye_RemovesTheContact_WithinOneSecond()
    {
        var peer = Peer("node-2");
        _browser.Observe(DnsSamples.Announcement(peer), Now);

        Assert.False(_browser.Observe(DnsSamples.Goodbye(peer), Now)); // still there for a second (RFC 6762 section 10.1)
        Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_browser.Instances);
    }

    [Fact]
    public void SilentPeer_IsRefreshedAt80To95Percent_ThenDropsOutWhenItsSrvExpires()
    {
        var peer = Peer("node-2");
        _browser.Observe(DnsSamples.Announcement(peer), Now);
        _browser.DueQuery(Now); // the first browse query
        var refreshes = new List<(int Second, string Questions)>();
        for (var second = 1; second <= 121; second++)
        {
            Advance(TimeSpan.FromSeconds(1));
            if (_browser.DueQuery(Now) is { } query && query.Questions.Any(q => q.Type == DnsRecordType.Srv))
            {
                refreshes.Add((second, string.Join(" ", query.Questions.Select(q => q.Type))));
            }

            if (second == 119)
            {
                Assert.Single(_browser.Instances);
            }
        }

        // 80, 85, 90, 95 % of 120 s; once the SRV is gone, the still-listed instance is looked up again.
        Assert.Equal([96, 102, 108, 114, 120, 121], refreshes.Select(r => r.Second));
        Assert.Empty(_browser.Instances);
    }

    [Fact]
    public void AnsweredRefresh_KeepsThePeer()
    {
        var peer = Peer("node-2");
        _browser.Observe(DnsSamples.Announcement(peer), Now);
        Advance(TimeSpan.FromSeconds(100));
        _browser.Observe(DnsSamples.Announcement(peer), Now);
        Advance(TimeSpan.FromSeconds(100));

        Assert.Single(_browser.Instances);
    }

    [Fact]
    public void BrowseQueries_BackOffExponentially_AndCarryKnownAnswers()
    {
        var sentAt = new List<double>();
        DnsMessage? last = null;
        for (var tenth = 0; tenth <= 200; tenth++)
        {
            if (_browser.DueQuery(Now) is { } query && query.Questions.Any(q => q.Name.Equals(MdnsConstants.ServiceType)))
            {
                sentAt.Add(Math.Round(Now.TotalSeconds, 1));
                last = query;
            }

            if (tenth == 50)
            {
                _browser.Observe(DnsSamples.Announcement(Peer("node-2")), Now);
            }

            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([0.1, 1.1, 3.1, 7.1, 15.1], sentAt);
        var known = Assert.Single(last!.Answers);
        Assert.Equal(DnsRecordType.Ptr, known.Type);
        Assert.InRange(known.Ttl, MdnsConstants.OtherRecordTtl - 11, MdnsConstants.OtherRecordTtl - 9);
    }

    [Fact]
    public void PtrAlone_LeadsToQueriesForSrvTxtAndThenAddresses()
    {
        var peer = Peer("node-2");
        var records = peer.Records([IPAddress.Parse("10.213.7.3")]);
        _browser.DueQuery(Now);

        _browser.Observe(DnsMessage.Response([records[1]]), Now);
        var first = _browser.DueQuery(Now);
        _browser.Observe(DnsMessage.Response([records[2], records[3]]), Now);
        var second = _browser.DueQuery(Now);
        _browser.Observe(DnsMessage.Response([records[4]]), Now);

        Assert.Equal([DnsRecordType.Srv, DnsRecordType.Txt], first!.Questions.Select(q => q.Type));
        Assert.Equal([DnsRecordType.A, DnsRecordType.Aaaa], second!.Questions.Select(q => q.Type));
        Assert.Equal("10.213.7.3:7947", Assert.Single(Assert.Single(_browser.Instances).EndPoints).ToString());
    }

    [Fact]
    public void AddressesOfUnrelatedHosts_AreNotCached()
    {
        var unrelated = DnsMessage.Response([new DnsRecord(DnsName.Parse("printer.local"), DnsRecordType.A, 120, new AddressData(IPAddress.Parse("10.0.0.9")))]);

        _browser.Observe(unrelated, Now);
        _browser.Observe(DnsMessage.Response([Peer("node-2").Records([])[1]]), Now);

        Assert.Empty(_browser.Instances);
        Assert.DoesNotContain(_browser.DueQuery(Now)!.Answers, r => r.Type == DnsRecordType.A);
    }

    [Fact]
    public void CacheFlush_ReplacesAMovedPeersAddress_AfterOneSecond()
    {
        var peer = Peer("node-2");
        _browser.Observe(DnsSamples.Announcement(peer, IPAddress.Parse("10.213.7.3")), Now);
        Advance(TimeSpan.FromSeconds(2));

        _browser.Observe(DnsSamples.Announcement(peer, IPAddress.Parse("10.213.7.4")), Now);

        Assert.Equal("10.213.7.4:7947", Assert.Single(Assert.Single(_browser.Instances).EndPoints).ToString());
    }
}
