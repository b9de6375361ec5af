using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

public sealed class MdnsResponderTests
{
    private static readonly ServiceAdvertisement Ad = DnsSamples.Advertisement();
    private static readonly IReadOnlyList<DnsRecord> Owned = Ad.Records([DnsSamples.V4, DnsSamples.V6]);

    private static DnsMessage Ask(DnsName name, DnsRecordType type, bool unicast = false, IReadOnlyList<DnsRecord>? known = null) =>
        DnsMessage.Query([new DnsQuestion(name, type, unicast)], known);

    [Fact]
    public void Browse_IsAnsweredWithThePtr_AndSrvTxtAndAddressesAsAdditionals()
    {
        var reply = MdnsResponder.Answer(Ask(MdnsConstants.ServiceType, DnsRecordType.Ptr), Owned, legacyUnicast: false);

        Assert.NotNull(reply);
        Assert.False(reply.Unicast);
        var answer = Assert.Single(reply.Message.Answers);
        Assert.Equal(Ad.InstanceName, Assert.IsType<PtrData>(answer.Data).Target);
        Assert.Equal(
            [DnsRecordType.Srv, DnsRecordType.A, DnsRecordType.Aaaa, DnsRecordType.Txt],
            reply.Message.Additionals.Select(r => r.Type));
        Assert.True(reply.Message.IsResponse);
        Assert.Empty(reply.Message.Questions);
    }

    [Fact]
    public void KnownAnswer_WithHalfItsTtlLeft_IsSuppressed_ButOneNearExpiryIsAnswered()
    {
        var ptr = Owned.Single(r => r.Type == DnsRecordType.Ptr && r.Name.Equals(MdnsConstants.ServiceType));

        var fresh = MdnsResponder.Answer(Ask(MdnsConstants.ServiceType, DnsRecordType.Ptr, known: [ptr.WithTtl(ptr.Ttl / 2)]), Owned, false);
        var stale = MdnsResponder.Answer(Ask(MdnsConstants.ServiceType, DnsRecordType.Ptr, known: [ptr.WithTtl((ptr.Ttl / 2) - 1)]), Owned, false);

        Assert.Null(fresh);
        Assert.NotNull(stale);
        Assert.Single(stale.Message.Answers);
    }

    [Fact]
    public void QuQuestion_GetsAUnicastReply()
    {
        var reply = MdnsResponder.Answer(Ask(Ad.HostName, DnsRecordType.A, unicast: true), Owned, false);

        Assert.NotNull(reply);
        Assert.True(reply.Unicast);
        Assert.Equal(DnsSamples.V4, Assert.IsType<AddressData>(Assert.Single(reply.Message.Answers).Data).Address);
    }

    [Fact]
    public void LegacyQuerier_GetsItsIdAndQuestionBack_TtlsCappedAndNoCacheFlush()
    {
        var query = Ask(Ad.InstanceName, DnsRecordType.Srv) with { Id = 4242 };

        var reply = MdnsResponder.Answer(query, Owned, legacyUnicast: true);

        Assert.NotNull(reply);
        Assert.True(reply.Unicast);
        Assert.Equal(4242, reply.Message.Id);
        Assert.Equal(query.Questions, reply.Message.Questions);
        Assert.All(reply.Message.Answers.Concat(reply.Message.Additionals), r =>
        {
            Assert.True(r.Ttl <= MdnsConstants.LegacyUnicastTtl);
            Assert.False(r.CacheFlush);
        });
        Assert.Equal([DnsRecordType.A, DnsRecordType.Aaaa], reply.Message.Additionals.Select(r => r.Type));
    }

    [Fact]
    public void AnyQuestion_ForTheInstance_GetsSrvAndTxt_AndServiceTypeEnumerationListsOurType()
    {
        var any = MdnsResponder.Answer(Ask(Ad.InstanceName, DnsRecordType.Any), Owned, false);
        var types = MdnsResponder.Answer(Ask(MdnsConstants.ServiceTypes, DnsRecordType.Ptr), Owned, false);

        Assert.Equal([DnsRecordType.Srv, DnsRecordType.Txt], any!.Message.Answers.Select(r => r.Type));
        Assert.Equal(MdnsConstants.ServiceType, Assert.IsType<PtrData>(Assert.Single(types!.Message.Answers).Data).Target);
    }

    [Fact]
    public void Responses_OtherOpcodes_AndQuestionsAboutOthers_GetNothing()
    {
        Assert.Null(MdnsResponder.Answer(DnsSamples.Announcement(Ad), Owned, false));
        Assert.Null(MdnsResponder.Answer(Ask(MdnsConstants.ServiceType, DnsRecordType.Ptr) with { Flags = 5 << 11 }, Owned, false));
        Assert.Null(MdnsResponder.Answer(Ask(DnsName.Parse("_http._tcp.local"), DnsRecordType.Ptr), Owned, false));
        Assert.Null(MdnsResponder.Answer(Ask(Ad.HostName, DnsRecordType.Txt), Owned, false));
    }
}
