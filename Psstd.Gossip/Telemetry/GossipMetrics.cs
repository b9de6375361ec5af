using System.Diagnostics.Metrics;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Telemetry;

/// <summary>
/// What gossip sent, received and dropped, by reason. The counts live here, safe from any thread; the
/// agent's health, status and doctor read them, and with a meter factory the same counts are published as
/// observable instruments of the <see cref="MeterName"/> meter, so OTLP exports exactly these numbers.
/// </summary>
public sealed class GossipMetrics
{
    /// <summary>The meter every gossip instrument belongs to.</summary>
    public const string MeterName = "Psstd.Gossip";

    private static readonly DecodeOutcome[] Outcomes = Enum.GetValues<DecodeOutcome>();
    private static readonly StreamDrop[] StreamDrops = Enum.GetValues<StreamDrop>();

    private readonly long[] _packetsIn = new long[Outcomes.Length];
    private readonly long[] _streamDrops = new long[StreamDrops.Length];
    private readonly Histogram<double>? _roundLateness;
    private long _packetsOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _sendFailures;
    private long _recordsNew;
    private long _recordsDuplicate;
    private long _roundsOverBudget;
    private long _streamsIn;
    private long _streamsOut;
    private long _syncRounds;
    private long _repliesRefused;
    private long _previousVersionIn;
    private long _recordsRefused;
    private long _claimsRefuted;
    private long _claimsDropped;

    /// <param name="meterFactory">Publishes the counts as instruments; null (the simulator, most tests): counts only.</param>
    /// <param name="cluster">With a meter factory, also publishes how many nodes it holds in each health state.</param>
    public GossipMetrics(IMeterFactory? meterFactory = null, ClusterState? cluster = null)
    {
        if (meterFactory is not null)
        {
            _roundLateness = GossipInstruments.Create(meterFactory.Create(MeterName), this, cluster);
        }
    }

    /// <param name="version">The wire version it came in, when it opened; packets of the previous version are counted apart.</param>
    public void PacketIn(DecodeOutcome outcome, int bytes, byte version = PacketCodec.WireVersion)
    {
        Interlocked.Increment(ref _packetsIn[(int)outcome]);
        Interlocked.Add(ref _bytesIn, bytes);
        if (outcome == DecodeOutcome.Accepted && version == PacketCodec.PreviousWireVersion)
        {
            Interlocked.Increment(ref _previousVersionIn);
        }
    }

    public void PacketOut(int bytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);

    public void RecordNew() => Interlocked.Increment(ref _recordsNew);

    public void RecordDuplicate() => Interlocked.Increment(ref _recordsDuplicate);

    /// <summary>A record of a node not held was refused: the state holds as many nodes as it may.</summary>
    public void RecordRefused() => Interlocked.Increment(ref _recordsRefused);

    /// <summary>A claimed version (a jump or a tombstone) was answered by its node with its own, older word.</summary>
    public void ClaimRefuted() => Interlocked.Increment(ref _claimsRefuted);

    /// <summary>A claimed version could not be checked (too many at once, no address) or nobody confirmed it.</summary>
    public void ClaimDropped() => Interlocked.Increment(ref _claimsDropped);

    public long RecordsRefused => Interlocked.Read(ref _recordsRefused);

    public long ClaimsRefuted => Interlocked.Read(ref _claimsRefuted);

    public long ClaimsDropped => Interlocked.Read(ref _claimsDropped);

    public void RoundOverBudget() => Interlocked.Increment(ref _roundsOverBudget);

    /// <summary>A round started this much later than its interval after the previous one (0 when on time).</summary>
    public void RoundLate(TimeSpan late) => _roundLateness?.Record(Math.Max(0, late.TotalSeconds));

    /// <summary>A gossip stream (TCP) connection was taken in (whatever came of it).</summary>
    public void StreamIn() => Interlocked.Increment(ref _streamsIn);

    /// <summary>A gossip stream was opened to a peer and its frames written.</summary>
    public void StreamOut() => Interlocked.Increment(ref _streamsOut);

    public void StreamDropped(StreamDrop reason) => Interlocked.Increment(ref _streamDrops[(int)reason]);

    /// <summary>This node started an anti-entropy exchange (sent its summary).</summary>
    public void SyncRound() => Interlocked.Increment(ref _syncRounds);

    /// <summary>
    /// A well-formed request whose answer would be larger than the request was left unanswered: it came
    /// from (or named) an address that is no live member's gossip address. A forged source looks like this;
    /// so does a peer not known yet, and, for indirect pings, a target held offline (a partition).
    /// </summary>
    public void ReplyRefused() => Interlocked.Increment(ref _repliesRefused);

    public long RepliesRefused => Interlocked.Read(ref _repliesRefused);

    /// <summary>Packets accepted in the previous wire version: peers that still need upgrading.</summary>
    public long PreviousVersionIn => Interlocked.Read(ref _previousVersionIn);

    public long StreamsIn => Interlocked.Read(ref _streamsIn);

    public long StreamsOut => Interlocked.Read(ref _streamsOut);

    public long StreamDropsOf(StreamDrop reason) => Interlocked.Read(ref _streamDrops[(int)reason]);

    public long SyncRounds => Interlocked.Read(ref _syncRounds);

    public long PacketsIn(DecodeOutcome outcome) => Interlocked.Read(ref _packetsIn[(int)outcome]);

    public long PacketsOut => Interlocked.Read(ref _packetsOut);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long RecordsNew => Interlocked.Read(ref _recordsNew);

    public long RecordsDuplicate => Interlocked.Read(ref _recordsDuplicate);

    public long RoundsOverBudget => Interlocked.Read(ref _roundsOverBudget);

    /// <summary>Packets dropped for any reason.</summary>
    public long Dropped
    {
        get
        {
            long total = 0;
            foreach (var outcome in Outcomes)
            {
                total += outcome == DecodeOutcome.Accepted ? 0 : PacketsIn(outcome);
            }

            return total;
        }
    }

    /// <summary>One line for health output, e.g. <c>out 10 packets, in 8 accepted, dropped: OtherCluster 2</c>.</summary>
    public string Describe()
    {
        var drops = Outcomes
            .Where(o => o != DecodeOutcome.Accepted && PacketsIn(o) > 0)
            .Select(o => $"{o} {PacketsIn(o)}");
        var streamDrops = StreamDrops
            .Where(d => StreamDropsOf(d) > 0)
            .Select(d => $"stream {d} {StreamDropsOf(d)}");
        var dropText = string.Join(", ", drops.Concat(streamDrops));
        return $"out {PacketsOut} packets ({BytesOut} B, {SendFailures} failed), in {PacketsIn(DecodeOutcome.Accepted)} accepted ({BytesIn} B), "
            + $"records new {RecordsNew}, duplicate {RecordsDuplicate}, rounds over budget {RoundsOverBudget}, sync rounds {SyncRounds}, streams in {StreamsIn} out {StreamsOut}, replies refused {RepliesRefused}, records refused (node cap) {RecordsRefused}, claims refuted {ClaimsRefuted} dropped {ClaimsDropped}, previous wire version in {PreviousVersionIn}, dropped: {(dropText.Length == 0 ? "none" : dropText)}";
    }

    /// <summary>Every packet count by outcome, for instruments.</summary>
    internal IEnumerable<Measurement<long>> PacketsInByOutcome()
    {
        foreach (var outcome in Outcomes)
        {
            yield return new Measurement<long>(PacketsIn(outcome), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        }
    }

    /// <summary>Every stream drop count by reason, for instruments.</summary>
    internal IEnumerable<Measurement<long>> StreamDropsByReason()
    {
        foreach (var reason in StreamDrops)
        {
            yield return new Measurement<long>(StreamDropsOf(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }
}
