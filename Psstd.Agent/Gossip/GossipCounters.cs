using System.Diagnostics.Metrics;

namespace Psstd.Agent.Gossip;

/// <summary>
/// What gossip sent, received and dropped, by reason. Shown in the agent's health and exported as
/// OpenTelemetry counters (meter <c>Psstd.Agent</c>) when telemetry is on.
/// </summary>
public sealed class GossipCounters : IDisposable
{
    private readonly long[] _received = new long[Enum.GetValues<DecodeOutcome>().Length];
    private readonly Meter _meter = new("Psstd.Agent");
    private readonly Counter<long> _packets;
    private long _sent;
    private long _sendFailures;

    public GossipCounters()
    {
        _packets = _meter.CreateCounter<long>("psstd.gossip.packets", description: "Gossip packets by direction and outcome");
    }

    public void Received(DecodeOutcome outcome)
    {
        Interlocked.Increment(ref _received[(int)outcome]);
        _packets.Add(1, new KeyValuePair<string, object?>("direction", "in"), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
    }

    public void Sent()
    {
        Interlocked.Increment(ref _sent);
        _packets.Add(1, new KeyValuePair<string, object?>("direction", "out"), new KeyValuePair<string, object?>("outcome", "sent"));
    }

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);

    public long ReceivedCount(DecodeOutcome outcome) => Interlocked.Read(ref _received[(int)outcome]);

    public long SentCount => Interlocked.Read(ref _sent);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long DroppedCount
    {
        get
        {
            long total = 0;
            foreach (var outcome in Enum.GetValues<DecodeOutcome>())
            {
                total += outcome == DecodeOutcome.Accepted ? 0 : ReceivedCount(outcome);
            }

            return total;
        }
    }

    /// <summary>One line for health output, e.g. <c>sent 10, accepted 8, dropped: OtherCluster 2</c>.</summary>
    public string Describe()
    {
        var drops = Enum.GetValues<DecodeOutcome>()
            .Where(o => o != DecodeOutcome.Accepted && ReceivedCount(o) > 0)
            .Select(o => $"{o} {ReceivedCount(o)}");
        var dropText = string.Join(", ", drops);
        return $"sent {SentCount}, send failures {SendFailures}, accepted {ReceivedCount(DecodeOutcome.Accepted)}, dropped: {(dropText.Length == 0 ? "none" : dropText)}";
    }

    public void Dispose() => _meter.Dispose();
}
