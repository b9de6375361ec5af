using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// Decides the answer to one query from the records this agent owns (RFC 6762 sections 6 and 7). A pure
/// function: the socket loop sends what it returns.
/// </summary>
internal static class MdnsResponder
{
    /// <summary>
    /// Steps: (1) only standard queries are answered; (2) every owned record matching a question is an
    /// answer; (3) answers the asker listed as known with at least half their TTL left are left out
    /// (known-answer suppression, section 7.1); (4) SRV, TXT and addresses that the asker will want next
    /// go in the additional section (RFC 6763 section 12); (5) a legacy querier (source port not 5353)
    /// gets a unicast reply echoing its id and questions, TTLs capped at 10 s and no cache-flush bits
    /// (section 6.7); a question with the QU bit gets a unicast reply; anything else goes to the group.
    /// </summary>
    /// <returns>Null when there is nothing to say.</returns>
    public static MdnsReply? Answer(DnsMessage query, IReadOnlyList<DnsRecord> owned, bool legacyUnicast)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(owned);
        if (query.IsResponse || query.Opcode != 0 || query.ResponseCode != 0)
        {
            return null;
        }

        var answers = new List<DnsRecord>();
        var unicast = legacyUnicast;
        foreach (var question in query.Questions)
        {
            foreach (var record in owned)
            {
                if (question.IsAnsweredBy(record) && !Contains(answers, record) && !IsKnown(query.Answers, record))
                {
                    answers.Add(record);
                    unicast |= question.UnicastResponse;
                }
            }
        }

        if (answers.Count == 0)
        {
            return null;
        }

        var additionals = new List<DnsRecord>();
        foreach (var answer in answers.ToList())
        {
            foreach (var extra in AdditionalsFor(answer, owned))
            {
                if (!Contains(answers, extra) && !Contains(additionals, extra) && !IsKnown(query.Answers, extra))
                {
                    additionals.Add(extra);
                }
            }
        }

        if (!legacyUnicast)
        {
            return new MdnsReply(DnsMessage.Response(answers, additionals), unicast);
        }

        static DnsRecord Legacy(DnsRecord r) => r with { Ttl = Math.Min(r.Ttl, MdnsConstants.LegacyUnicastTtl), CacheFlush = false };
        var legacy = new DnsMessage(query.Id, DnsMessage.ResponseFlags, query.Questions, [.. answers.Select(Legacy)], [], [.. additionals.Select(Legacy)]);
        return new MdnsReply(legacy, Unicast: true);
    }

    /// <summary>A PTR to an instance brings its SRV and TXT; an SRV brings the addresses of its target.</summary>
    private static IEnumerable<DnsRecord> AdditionalsFor(DnsRecord answer, IReadOnlyList<DnsRecord> owned)
    {
        if (answer.Data is PtrData ptr)
        {
            foreach (var record in owned.Where(r => r.Name.Equals(ptr.Target) && r.Type is DnsRecordType.Srv or DnsRecordType.Txt))
            {
                yield return record;
                if (record.Data is SrvData srv)
                {
                    foreach (var address in AddressesOf(srv.Target, owned))
                    {
                        yield return address;
                    }
                }
            }
        }
        else if (answer.Data is SrvData srv)
        {
            foreach (var address in AddressesOf(srv.Target, owned))
            {
                yield return address;
            }
        }
    }

    private static IEnumerable<DnsRecord> AddressesOf(DnsName host, IReadOnlyList<DnsRecord> owned) =>
        owned.Where(r => r.Name.Equals(host) && r.Type is DnsRecordType.A or DnsRecordType.Aaaa);

    private static bool Contains(List<DnsRecord> records, DnsRecord record) => records.Exists(r => r.SameAs(record));

    /// <summary>RFC 6762 section 7.1: suppress an answer the asker holds with at least half its true TTL.</summary>
    private static bool IsKnown(IReadOnlyList<DnsRecord> known, DnsRecord record) =>
        known.Any(k => k.SameAs(record) && k.Ttl >= record.Ttl / 2);
}
