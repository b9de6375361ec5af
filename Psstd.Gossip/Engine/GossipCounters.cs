using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// What gossip sent, received and dropped, by reason: shown in the agent's health and read by the
/// simulator. Plain counters, safe from any thread.
/// </summary>
public sealed class GossipCounters
{
    private readonly long[] _packetsIn = new long[Enum.GetValues<DecodeOutcome>().Length];
    private long _packetsOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _sendFailures;
    private long _recordsNew;
    private long _recordsDuplicate;
    private long _roundsOverBudget;
    private readonly long[] _streamDrops = new long[Enum.GetValues<StreamDrop>().Length];
    private long _streamsIn;
    private long _streamsOut;
    private long _syncRounds;
    private long _repliesRefused;

    public void PacketIn(DecodeOutcome outcome, int bytes)
    {
        Interlocked.Increment(ref _packetsIn[(int)outcome]);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public void PacketOut(int bytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);

    public void RecordNew() => Interlocked.Increment(ref _recordsNew);

    public void RecordDuplicate() => Interlocked.Increment(ref _recordsDuplicate);

    public void RoundOverBudget() => Interlocked.Increment(ref _roundsOverBudget);

    /// <summary>A gossip stream (TCP) connection was taken in (whatever came of it).</summary>
    public void StreamIn() => Interlocked.Increment(ref _streamsIn);

    /// <summary>A gossip stream was opened to a peer and its frames written.</summary>
    public void StreamOut() => Interlocked.Increment(ref _streamsOut);

    public void StreamDropped(StreamDrop reason) => Interlocked.Increment(ref _streamDrops[(int)reason]);

    /// <summary>This node started an anti-entropy exchange (sent its summary).</summary>
    public void SyncRound() => Interlocked.Increment(ref _syncRounds);

    /// <summary>
    /// A well-formed request whose answer would be larger than the request was left unanswered: it came
    /// from (or named) an address that is no live member's gossip address. A forged source looks like
    /// this; so does a peer not known yet, and, for indirect pings, a target held offline (a partition).
    /// </summary>
    public void ReplyRefused() => Interlocked.Increment(ref _repliesRefused);

    public long RepliesRefused => Interlocked.Read(ref _repliesRefused);

    public long StreamsIn => Interlocked.Read(ref _streamsIn);

    public long StreamsOut => Interlocked.Read(ref _streamsOut);

    public long StreamDrops(StreamDrop reason) => Interlocked.Read(ref _streamDrops[(int)reason]);

    public long SyncRounds => Interlocked.Read(ref _syncRounds);

    public long PacketsIn(DecodeOutcome outcome) => Interlocked.Read(ref _packetsIn[(int)outcome]);

    public long PacketsOut => Interlocked.Read(ref _packetsOut);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long RecordsNew => Interlocked.Read(ref _recordsNew);

    public long RecordsDuplicate => Interlocked.Read(ref _recordsDuplicate);

    public long RoundsOverBudget => Interlocked.Read(ref _roundsOverBudget);

    public long Dropped
    {
        get
        {
            long total = 0;
            foreach (var outcome in Enum.GetValues<DecodeOutcome>())
            {
                total += outcome == DecodeOutcome.Accepted ? 0 : PacketsIn(outcome);
            }

            return total;
        }
    }

    /// <summary>One line for health output, e.g. <c>out 10 packets, in 8 accepted, dropped: OtherCluster 2</c>.</summary>
    public string Describe()
    {
        var drops = Enum.GetValues<DecodeOutcome>()
            .Where(o => o != DecodeOutcome.Accepted && PacketsIn(o) > 0)
            .Select(o => $"{o} {PacketsIn(o)}");
        var streamDrops = Enum.GetValues<StreamDrop>()
            .Where(d => StreamDrops(d) > 0)
            .Select(d => $"stream {d} {StreamDrops(d)}");
        var dropText = string.Join(", ", drops.Concat(streamDrops));
        return $"out {PacketsOut} packets ({BytesOut} B, {SendFailures} failed), in {PacketsIn(DecodeOutcome.Accepted)} accepted ({BytesIn} B), "
            + $"records new {RecordsNew}, duplicate {RecordsDuplicate}, rounds over budget {RoundsOverBudget}, sync rounds {SyncRounds}, streams in {StreamsIn} out {StreamsOut}, replies refused {RepliesRefused}, dropped: {(dropText.Length == 0 ? "none" : dropText)}";
    }
}
