namespace Psstd.Agent.Discovery.Dns;

/// <summary>A whole DNS message: header fields and the four sections.</summary>
internal sealed record DnsMessage(
    ushort Id,
    ushort Flags,
    IReadOnlyList<DnsQuestion> Questions,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authorities,
    IReadOnlyList<DnsRecord> Additionals)
{
    /// <summary>QR bit plus AA: how mDNS responses are flagged (RFC 6762 section 18).</summary>
    public const ushort ResponseFlags = 0x8400;

    public bool IsResponse => (Flags & 0x8000) != 0;

    /// <summary>Truncated (TC): in a query, more known answers follow in another packet.</summary>
    public bool IsTruncated => (Flags & 0x0200) != 0;

    /// <summary>The opcode; mDNS uses only 0 (standard query) and ignores others (RFC 6762 section 18.3).</summary>
    public int Opcode => (Flags >> 11) & 0xF;

    /// <summary>The response code; mDNS drops messages with a non-zero one (RFC 6762 section 18.11).</summary>
    public int ResponseCode => Flags & 0xF;

    public static DnsMessage Query(IReadOnlyList<DnsQuestion> questions, IReadOnlyList<DnsRecord>? knownAnswers = null, IReadOnlyList<DnsRecord>? authorities = null) =>
        new(0, 0, questions, knownAnswers ?? [], authorities ?? [], []);

    public static DnsMessage Response(IReadOnlyList<DnsRecord> answers, IReadOnlyList<DnsRecord>? additionals = null) =>
        new(0, ResponseFlags, [], answers, [], additionals ?? []);
}
