using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// Records heard on the link, each with the moment it was received and its TTL (RFC 6762 section 10):
/// a goodbye (TTL 0) leaves one more second (section 10.1); a cache-flush record replaces other data for
/// its name and type heard more than a second before (section 10.2). Bounded, so a flood cannot grow it.
/// </summary>
internal sealed class RecordCache
{
    public const int MaxRecords = 2048;
    private static readonly TimeSpan FlushGrace = TimeSpan.FromSeconds(1);

    /// <summary>Section 5.2: refresh at 80, 85, 90 and 95 % of the TTL before letting a record go.</summary>
    private static readonly double[] RefreshPoints = [0.80, 0.85, 0.90, 0.95];

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Adds or renews <paramref name="record"/>; false when the cache is full.</summary>
    public bool Add(DnsRecord record, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CacheFlush)
        {
            _entries.RemoveAll(e => e.Record.Type == record.Type && e.Record.Name.Equals(record.Name) && !e.Record.SameAs(record) && now - e.Received > FlushGrace);
        }

        var existing = _entries.FindIndex(e => e.Record.SameAs(record));
        if (record.Ttl == 0)
        {
            if (existing >= 0)
            {
                _entries[existing] = new Entry(record, now, FlushGrace, RefreshPoints.Length);
            }

            return true;
        }

        var entry = new Entry(record, now, TimeSpan.FromSeconds(record.Ttl), 0);
        if (existing >= 0)
        {
            _entries[existing] = entry;
            return true;
        }

        if (_entries.Count >= MaxRecords)
        {
            return false;
        }

        _entries.Add(entry);
        return true;
    }

    /// <summary>Drops what has outlived its TTL; returns how many went.</summary>
    public int Expire(TimeSpan now) => _entries.RemoveAll(e => now >= e.Received + e.Lifetime);

    /// <summary>Live records with this name and type.</summary>
    public IEnumerable<DnsRecord> Find(DnsName name, DnsRecordType type, TimeSpan now) =>
        _entries.Where(e => e.Record.Type == type && e.Record.Name.Equals(name) && now < e.Received + e.Lifetime).Select(e => e.Record);

    /// <summary>Known answers for a question (section 7.1): live records with more than half their TTL left, TTL as remaining.</summary>
    public IEnumerable<DnsRecord> KnownAnswers(DnsName name, DnsRecordType type, TimeSpan now) =>
        _entries.Where(e => e.Record.Type == type && e.Record.Name.Equals(name) && e.Received + e.Lifetime - now > e.Lifetime / 2)
            .Select(e => e.Record.WithTtl((uint)Math.Max(0, (e.Received + e.Lifetime - now).TotalSeconds)));

    /// <summary>
    /// Records that passed a refresh point since the last call, for which a query should go out. Only
    /// records <paramref name="wanted"/> says the browser still needs are refreshed.
    /// </summary>
    public List<DnsRecord> DueForRefresh(TimeSpan now, Func<DnsRecord, bool> wanted)
    {
        var due = new List<DnsRecord>();
        for (var i = 0; i < _entries.Count; i++)
        {
            var e = _entries[i];
            var step = e.RefreshStep;
            while (step < RefreshPoints.Length && now >= e.Received + (e.Lifetime * RefreshPoints[step]))
            {
                step++;
            }

            if (step != e.RefreshStep)
            {
                _entries[i] = e with { RefreshStep = step };
                if (wanted(e.Record))
                {
                    due.Add(e.Record);
                }
            }
        }

        return due;
    }

    private readonly record struct Entry(DnsRecord Record, TimeSpan Received, TimeSpan Lifetime, int RefreshStep);
}
