using System.Net;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// Browses <c>_psstd._tcp.local.</c> for as long as the agent runs (RFC 6762 section 5.2): a query at
/// once, then after 1 s, 2 s, 4 s ... up to an hour, with known answers so peers stay quiet about what
/// is already known; every response on the link is listened to, asked for or not. Cached records are
/// refreshed at 80-95 % of their TTL, so a peer that vanishes without a goodbye drops out when its SRV
/// record (120 s) runs out; a goodbye drops it within a second. Not thread-safe: owned by the discovery loop.
/// </summary>
internal sealed class MdnsBrowser
{
    public static readonly TimeSpan FirstQueryInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxQueryInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxResolveInterval = TimeSpan.FromMinutes(1);

    private readonly string _cluster;
    private readonly Guid _selfId;
    private readonly DiscoveryMetrics _counters;
    private readonly RecordCache _cache = new();
    private readonly Dictionary<(DnsName, DnsRecordType), (TimeSpan Next, TimeSpan Interval)> _resolving = [];
    private readonly HashSet<(string, string)> _otherClusters = [];
    private TimeSpan _nextBrowse;
    private TimeSpan _browseInterval = FirstQueryInterval;

    /// <param name="firstQueryAt">Section 5.2: the first query waits a random 20-120 ms.</param>
    public MdnsBrowser(string cluster, Guid selfId, DiscoveryMetrics counters, TimeSpan firstQueryAt)
    {
        _cluster = cluster;
        _selfId = selfId;
        _counters = counters;
        _nextBrowse = firstQueryAt;
    }

    /// <summary>Peers of this cluster, resolved to endpoints, as of the last <see cref="Observe"/> or <see cref="Expire"/>.</summary>
    public IReadOnlyList<DiscoveredInstance> Instances { get; private set; } = [];

    /// <summary>Takes in a response heard on the link; returns true when <see cref="Instances"/> changed.</summary>
    public bool Observe(DnsMessage response, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsResponse || response.ResponseCode != 0)
        {
            return false;
        }

        var records = response.Answers.Concat(response.Additionals).ToList();
        foreach (var record in records.Where(r => IsServiceRecord(r)))
        {
            Cache(record, now);
        }

        // Addresses only of hosts an SRV record names, so the cache holds nothing unrelated.
        foreach (var record in records.Where(r => r.Type is DnsRecordType.A or DnsRecordType.Aaaa && IsSrvTarget(r.Name, now)))
        {
            Cache(record, now);
        }

        return Recompute(now);
    }

    /// <summary>Lets records past their TTL go; returns true when <see cref="Instances"/> changed.</summary>
    public bool Expire(TimeSpan now) => _cache.Expire(now) > 0 && Recompute(now);

    /// <summary>The query due at <paramref name="now"/>, if any: the browse question, refreshes, and lookups of half-known instances.</summary>
    public DnsMessage? DueQuery(TimeSpan now)
    {
        var questions = new List<DnsQuestion>();
        void Ask(DnsName name, DnsRecordType type)
        {
            if (!questions.Exists(q => q.Type == type && q.Name.Equals(name)))
            {
                questions.Add(new DnsQuestion(name, type));
            }
        }

        if (now >= _nextBrowse)
        {
            Ask(MdnsConstants.ServiceType, DnsRecordType.Ptr);
            _nextBrowse = now + _browseInterval;
            _browseInterval = _browseInterval * 2 > MaxQueryInterval ? MaxQueryInterval : _browseInterval * 2;
        }

        foreach (var record in _cache.DueForRefresh(now, IsWanted))
        {
            Ask(record.Name, record.Type);
        }

        foreach (var (name, type) in Missing(now))
        {
            var (next, interval) = _resolving.GetValueOrDefault((name, type), (now, FirstQueryInterval));
            if (now >= next)
            {
                Ask(name, type);
                _resolving[(name, type)] = (now + interval, interval * 2 > MaxResolveInterval ? MaxResolveInterval : interval * 2);
            }
        }

        if (questions.Count == 0)
        {
            return null;
        }

        var known = questions.SelectMany(q => _cache.KnownAnswers(q.Name, q.Type, now)).ToList();
        return DnsMessage.Query(questions, known);
    }

    private static bool IsServiceRecord(DnsRecord record) => record switch
    {
        { Type: DnsRecordType.Ptr } => record.Name.Equals(MdnsConstants.ServiceType) && record.Data is PtrData ptr && IsInstanceName(ptr.Target),
        { Type: DnsRecordType.Srv or DnsRecordType.Txt } => IsInstanceName(record.Name),
        _ => false,
    };

    private static bool IsInstanceName(DnsName name) => name.Labels.Count == 4 && name.Parent().Equals(MdnsConstants.ServiceType);

    private bool IsSrvTarget(DnsName host, TimeSpan now) =>
        InstanceNames(now).Any(i => _cache.Find(i, DnsRecordType.Srv, now).Any(s => ((SrvData)s.Data).Target.Equals(host)));

    private IEnumerable<DnsName> InstanceNames(TimeSpan now) =>
        _cache.Find(MdnsConstants.ServiceType, DnsRecordType.Ptr, now).Select(p => ((PtrData)p.Data).Target).Distinct();

    private void Cache(DnsRecord record, TimeSpan now)
    {
        if (!_cache.Add(record, now))
        {
            _counters.CacheFull();
        }
    }

    /// <summary>Only records of instances still listed are worth a refresh query.</summary>
    private bool IsWanted(DnsRecord record) => record.Type switch
    {
        DnsRecordType.Ptr or DnsRecordType.Srv or DnsRecordType.Txt => true,
        _ => false, // addresses are refreshed through the SRV question's additional records
    };

    /// <summary>What a listed instance still lacks: its SRV and TXT, or addresses for its SRV target.</summary>
    private IEnumerable<(DnsName, DnsRecordType)> Missing(TimeSpan now)
    {
        foreach (var instance in InstanceNames(now))
        {
            var srv = _cache.Find(instance, DnsRecordType.Srv, now).FirstOrDefault();
            if (srv is null)
            {
                yield return (instance, DnsRecordType.Srv);
            }

            if (!_cache.Find(instance, DnsRecordType.Txt, now).Any())
            {
                yield return (instance, DnsRecordType.Txt);
            }

            if (srv?.Data is SrvData { Target: var host } && !EndPoints(host, 0, now).Any())
            {
                yield return (host, DnsRecordType.A);
                yield return (host, DnsRecordType.Aaaa);
            }
        }
    }

    /// <summary>Dialable addresses: link-local IPv6 needs a scope the record cannot carry, so it is left out.</summary>
    private IEnumerable<IPEndPoint> EndPoints(DnsName host, ushort port, TimeSpan now) =>
        _cache.Find(host, DnsRecordType.A, now).Concat(_cache.Find(host, DnsRecordType.Aaaa, now))
            .Select(r => ((AddressData)r.Data).Address)
            .Where(a => !a.IsIPv6LinkLocal)
            .Distinct()
            .Order(Comparer<IPAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))
            .Select(a => new IPEndPoint(a, port));

    private bool Recompute(TimeSpan now)
    {
        var found = new List<DiscoveredInstance>();
        foreach (var instance in InstanceNames(now))
        {
            var srv = _cache.Find(instance, DnsRecordType.Srv, now).Select(r => (SrvData)r.Data).FirstOrDefault();
            var txt = _cache.Find(instance, DnsRecordType.Txt, now).Select(r => (TxtData)r.Data).FirstOrDefault();
            if (srv is null || txt is null)
            {
                continue;
            }

            _ = Guid.TryParse(txt.Get("id"), out var id);
            var cluster = txt.Get("cluster") ?? "";
            if (id == _selfId && id != Guid.Empty)
            {
                continue;
            }

            if (cluster != _cluster)
            {
                if (_otherClusters.Add((instance.Labels[0], cluster)))
                {
                    _counters.OtherCluster();
                }

                continue;
            }

            var endPoints = EndPoints(srv.Target, srv.Port, now).ToList();
            if (endPoints.Count > 0)
            {
                foreach (var key in _resolving.Keys.Where(k => k.Item1.Equals(instance) || k.Item1.Equals(srv.Target)).ToList())
                {
                    _resolving.Remove(key);
                }

                found.Add(new DiscoveredInstance(instance.Labels[0], id, cluster, endPoints, txt.Get("dash") ?? ""));
            }
        }

        if (found.SequenceEqual(Instances))
        {
            return false;
        }

        Instances = found;
        return true;
    }
}
