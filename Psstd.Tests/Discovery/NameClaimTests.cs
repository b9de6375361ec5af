using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

public sealed class NameClaimTests
{
    private static readonly IReadOnlyList<string> Txt = ServiceAdvertisement.TxtFor(DnsSamples.NodeId, "psstd", 1, "0.1.0", "");
    private readonly FakeTimeProvider _clock = new();
    private readonly long _start;

    public NameClaimTests() => _start = _clock.GetTimestamp();

    private TimeSpan Now => _clock.GetElapsedTime(_start);

    private NameClaim Claim(string name = "node-1") => new(name, 7947, Txt, Now, TimeSpan.FromMilliseconds(100));

    /// <summary>Advances in 50 ms steps for <paramref name="span"/>, recording each step due and when.</summary>
    private List<(TimeSpan At, ClaimStep Step)> Run(NameClaim claim, TimeSpan span)
    {
        var steps = new List<(TimeSpan, ClaimStep)>();
        var end = Now + span;
        while (Now <= end)
        {
            var step = claim.Due(Now);
            if (step != ClaimStep.None)
            {
                steps.Add((Now, step));
            }

            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        return steps;
    }

    private static IReadOnlyList<DnsRecord> Own(NameClaim claim) => claim.Current.Records([DnsSamples.V4]);

    [Fact]
    public void ThreeProbes250msApart_ThenTwoAnnouncementsOneSecondApart_ThenEstablished()
    {
        var claim = Claim();

        var steps = Run(claim, TimeSpan.FromSeconds(5));

        Assert.Equal(
            [(100, ClaimStep.Probe), (350, ClaimStep.Probe), (600, ClaimStep.Probe), (850, ClaimStep.Announce), (1850, ClaimStep.Announce)],
            steps.Select(s => ((int)s.At.TotalMilliseconds, s.Step)));
        Assert.Equal(ClaimPhase.Established, claim.Phase);
        Assert.Equal("node-1", claim.Current.Instance);
    }

    [Fact]
    public void AnswerFromAnotherHost_WhileProbing_RenamesTheInstance_AndProbesAgain()
    {
        var claim = Claim();
        Run(claim, TimeSpan.FromMilliseconds(400));
        var other = DnsSamples.Advertisement("node-1", id: Guid.NewGuid()) with { HostLabel = "someone-else" };

        var changed = claim.Observe(DnsSamples.Announcement(other, System.Net.IPAddress.Parse("10.213.7.9")), Own(claim), claim.Current.ProbeClaims([DnsSamples.V4]), Now);

        Assert.True(changed);
        Assert.Equal("node-1 (2)", claim.Current.Instance);
        Assert.Equal("psstd-node-1", claim.Current.HostLabel); // the host name did not clash
        Assert.Equal(ClaimPhase.Probing, claim.Phase);
        Assert.Equal([ClaimStep.Probe, ClaimStep.Probe, ClaimStep.Probe, ClaimStep.Announce, ClaimStep.Announce], Run(claim, TimeSpan.FromSeconds(3)).Select(s => s.Step));
        Assert.Equal(1, claim.Renames);
    }

    [Fact]
    public void HostAddressClaimedByAnother_RenamesTheHost_AndASecondConflictCountsOn()
    {
        var claim = Claim();
        var stranger = DnsMessage.Response([new DnsRecord(claim.Current.HostName, DnsRecordType.A, 120, new AddressData(System.Net.IPAddress.Parse("10.213.7.77")), CacheFlush: true)]);

        claim.Observe(stranger, Own(claim), [], Now);
        claim.Observe(stranger with { Answers = [stranger.Answers[0] with { Name = claim.Current.HostName }] }, Own(claim), [], Now);

        Assert.Equal("psstd-node-1-3", claim.Current.HostLabel);
        Assert.Equal("node-1", claim.Current.Instance);
    }

    [Fact]
    public void OurOwnRecordsLoopedBack_Goodbyes_AndSharedPtrs_AreNoConflict()
    {
        var claim = Claim();
        Run(claim, TimeSpan.FromSeconds(3));
        var stranger = DnsSamples.Advertisement("node-1", id: Guid.NewGuid());

        Assert.False(claim.Observe(DnsSamples.Announcement(claim.Current), Own(claim), [], Now));
        Assert.False(claim.Observe(DnsSamples.Goodbye(stranger, System.Net.IPAddress.Parse("10.213.7.9")), Own(claim), [], Now));
        Assert.False(claim.Observe(DnsMessage.Response([stranger.Records([])[1]]), Own(claim), [], Now));
        Assert.Equal(ClaimPhase.Established, claim.Phase);
    }

    [Fact]
    public void SimultaneousProbe_ThatWinsTheTieBreak_DefersUsOneSecond_WithoutRenaming()
    {
        var claim = Claim();
        Run(claim, TimeSpan.FromMilliseconds(400)); // two probes sent
        var ours = claim.Current.ProbeClaims([DnsSamples.V4]);
        var theirs = claim.Current.ProbeClaims([System.Net.IPAddress.Parse("10.213.7.250")]); // a higher address sorts later
        var probe = DnsMessage.Query([new DnsQuestion(claim.Current.HostName, DnsRecordType.Any, true)], authorities: theirs);

        Assert.True(claim.Observe(probe, Own(claim), ours, Now));
        Assert.Equal("node-1", claim.Current.Instance);
        var steps = Run(claim, TimeSpan.FromSeconds(2));
        Assert.Equal(ClaimStep.Probe, steps[0].Step);
        Assert.True(steps[0].At >= TimeSpan.FromSeconds(1.4), $"first probe again at {steps[0].At}");
    }

    [Fact]
    public void SimultaneousProbe_ThatLosesTheTieBreak_OrIsOurOwn_ChangesNothing()
    {
        var claim = Claim();
        Run(claim, TimeSpan.FromMilliseconds(400));
        var ours = claim.Current.ProbeClaims([DnsSamples.V4]);
        var lower = claim.Current.ProbeClaims([System.Net.IPAddress.Parse("10.0.0.1")]);
        DnsMessage Probe(IReadOnlyList<DnsRecord> claims) => DnsMessage.Query([new DnsQuestion(claim.Current.HostName, DnsRecordType.Any, true)], authorities: claims);

        Assert.False(claim.Observe(Probe(lower), Own(claim), ours, Now));
        Assert.False(claim.Observe(Probe(ours), Own(claim), ours, Now));
    }

    [Fact]
    public void ChangedTxt_AfterEstablishing_IsAnnouncedAgain()
    {
        var claim = Claim();
        Run(claim, TimeSpan.FromSeconds(3));

        claim.UpdateTxt(ServiceAdvertisement.TxtFor(DnsSamples.NodeId, "psstd", 1, "0.1.0", "http://10.213.7.2:8080/"), Now);
        claim.UpdateTxt(claim.Current.Txt, Now); // the same again: nothing more

        Assert.Equal([ClaimStep.Announce, ClaimStep.Announce], Run(claim, TimeSpan.FromSeconds(3)).Select(s => s.Step));
        Assert.Equal("http://10.213.7.2:8080/", ((TxtData)Own(claim).Single(r => r.Type == DnsRecordType.Txt).Data).Get("dash"));
    }

    [Fact]
    public void HostLabels_ArePlainDnsLabels()
    {
        Assert.Equal("psstd-web-01-example", ServiceAdvertisement.HostLabelFor("Web_01.example"));
        Assert.True(ServiceAdvertisement.HostLabelFor(new string('x', 63)).Length <= 56);
    }

    [Fact]
    public void RenamedInstances_StayWithinOneLabel()
    {
        var longName = new string('n', 63);

        Assert.Equal("node-1 (2)", ServiceAdvertisement.NextInstanceName("node-1", 2));
        Assert.Equal(new string('n', 59) + " (2)", ServiceAdvertisement.NextInstanceName(longName, 2));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(ServiceAdvertisement.NextInstanceName(new string('é', 40), 12)), 60, 63);
    }
}
