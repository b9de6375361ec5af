using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// Claims this agent's instance and host names on the link: three probes 250 ms apart, then two
/// announcements one second apart (RFC 6762 sections 8.1-8.3). A conflicting answer renames the
/// conflicting name ("node-1 (2)", host "psstd-node-1-2") and probing starts again; losing a
/// simultaneous-probe tie-break waits a second and probes again under the same names (section 8.2).
/// Not thread-safe: owned by the discovery loop.
/// </summary>
internal sealed class NameClaim
{
    public const int ProbeCount = 3;
    public const int AnnouncementCount = 2;
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan AnnouncementInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan TieBreakDelay = TimeSpan.FromSeconds(1);

    /// <summary>Section 8.1: after 15 conflicts within 10 s, wait 5 s before probing again.</summary>
    private const int ConflictBurst = 15;
    private static readonly TimeSpan ConflictWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConflictPause = TimeSpan.FromSeconds(5);

    private readonly string _baseInstance;
    private readonly string _baseHost;
    private readonly Queue<TimeSpan> _recentConflicts = new();
    private int _instanceAttempt = 1;
    private int _hostAttempt = 1;
    private int _sent;
    private TimeSpan _nextAt;

    /// <param name="firstProbeDelay">Section 8.1: a random 0-250 ms before the first probe, so hosts that start together do not collide.</param>
    public NameClaim(string nodeName, ushort port, IReadOnlyList<string> txt, TimeSpan now, TimeSpan firstProbeDelay)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        _baseInstance = nodeName;
        _baseHost = ServiceAdvertisement.HostLabelFor(nodeName);
        Current = new ServiceAdvertisement(nodeName, _baseHost, port, txt);
        _nextAt = now + firstProbeDelay;
    }

    public ServiceAdvertisement Current { get; private set; }

    public ClaimPhase Phase { get; private set; } = ClaimPhase.Probing;

    /// <summary>How many times a name was given up because another host owned it.</summary>
    public int Renames { get; private set; }

    /// <summary>What is due at <paramref name="now"/>; the caller sends it on every interface.</summary>
    public ClaimStep Due(TimeSpan now)
    {
        if (Phase == ClaimPhase.Established || now < _nextAt)
        {
            return ClaimStep.None;
        }

        if (Phase == ClaimPhase.Probing)
        {
            _sent++;
            _nextAt = now + ProbeInterval;
            if (_sent == ProbeCount)
            {
                (Phase, _sent) = (ClaimPhase.Announcing, 0); // the first announcement follows 250 ms after the last probe
            }

            return ClaimStep.Probe;
        }

        _sent++;
        _nextAt = now + (AnnouncementInterval * (1 << (_sent - 1)));
        if (_sent == AnnouncementCount)
        {
            Phase = ClaimPhase.Established;
        }

        return ClaimStep.Announce;
    }

    /// <summary>New TXT content (a dashboard registered or went away): announce it again (section 8.4).</summary>
    public void UpdateTxt(IReadOnlyList<string> txt, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(txt);
        if (Current.Txt.SequenceEqual(txt, StringComparer.Ordinal))
        {
            return;
        }

        Current = Current with { Txt = txt };
        if (Phase == ClaimPhase.Established)
        {
            (Phase, _sent, _nextAt) = (ClaimPhase.Announcing, 0, now);
        }
    }

    /// <summary>
    /// Looks at a message from the link for conflicts with the names claimed. <paramref name="ownRecords"/>
    /// are this agent's records on every interface, so its own packets looped back never count.
    /// </summary>
    /// <returns>True when a name changed (or probing was deferred) and probing starts again.</returns>
    public bool Observe(DnsMessage message, IReadOnlyList<DnsRecord> ownRecords, IReadOnlyList<DnsRecord> ownClaims, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(ownRecords);
        ArgumentNullException.ThrowIfNull(ownClaims);
        if (message.IsResponse)
        {
            var instanceTaken = false;
            var hostTaken = false;
            foreach (var record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
            {
                if (record.Type == DnsRecordType.Ptr || record.Ttl == 0 || ownRecords.Any(o => o.SameAs(record)))
                {
                    continue;
                }

                instanceTaken |= record.Name.Equals(Current.InstanceName);
                hostTaken |= record.Name.Equals(Current.HostName);
            }

            if (instanceTaken || hostTaken)
            {
                Rename(instanceTaken, hostTaken, now);
                return true;
            }

            return false;
        }

        if (Phase == ClaimPhase.Probing && LosesTieBreak(message, ownClaims))
        {
            (_sent, _nextAt) = (0, now + TieBreakDelay);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Section 8.2: another host probes for one of our names at the same time. Both sides compare their
    /// claimed records for that name, sorted, by class, type, then raw data; the lexicographically later
    /// set wins. Identical sets are our own probe come back, or no conflict at all.
    /// </summary>
    private bool LosesTieBreak(DnsMessage probe, IReadOnlyList<DnsRecord> ownClaims)
    {
        foreach (var name in new[] { Current.InstanceName, Current.HostName })
        {
            if (!probe.Questions.Any(q => q.Name.Equals(name)))
            {
                continue;
            }

            var theirs = Sorted(probe.Authorities.Where(r => r.Name.Equals(name)));
            var ours = Sorted(ownClaims.Where(r => r.Name.Equals(name)));
            if (theirs.Count > 0 && Compare(theirs, ours) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static List<byte[]> Sorted(IEnumerable<DnsRecord> records) =>
        [.. records.Select(Canonical).Order(Comparer<byte[]>.Create(CompareBytes))];

    private static byte[] Canonical(DnsRecord record)
    {
        var data = DnsMessageWriter.DataBytes(record.Data);
        return [(byte)(record.Class >> 8), (byte)record.Class, (byte)((ushort)record.Type >> 8), (byte)record.Type, .. data];
    }

    private static int Compare(List<byte[]> theirs, List<byte[]> ours)
    {
        for (var i = 0; i < Math.Min(theirs.Count, ours.Count); i++)
        {
            var c = CompareBytes(theirs[i], ours[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return theirs.Count.CompareTo(ours.Count);
    }

    private static int CompareBytes(byte[]? a, byte[]? b) => a.AsSpan().SequenceCompareTo(b);

    private void Rename(bool instance, bool host, TimeSpan now)
    {
        Renames++;
        if (instance)
        {
            _instanceAttempt++;
        }

        if (host)
        {
            _hostAttempt++;
        }

        Current = Current with
        {
            Instance = ServiceAdvertisement.NextInstanceName(_baseInstance, _instanceAttempt),
            HostLabel = ServiceAdvertisement.NextHostLabel(_baseHost, _hostAttempt),
        };
        _recentConflicts.Enqueue(now);
        while (_recentConflicts.Count > 0 && now - _recentConflicts.Peek() > ConflictWindow)
        {
            _recentConflicts.Dequeue();
        }

        (Phase, _sent) = (ClaimPhase.Probing, 0);
        _nextAt = _recentConflicts.Count >= ConflictBurst ? now + ConflictPause : now;
    }
}
