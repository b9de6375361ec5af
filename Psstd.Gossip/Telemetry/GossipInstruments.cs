using System.Diagnostics.Metrics;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Gossip.Telemetry;

/// <summary>
/// The instruments of the <see cref="GossipMetrics.MeterName"/> meter. Counters are observable: each
/// collection reads the counts <see cref="GossipMetrics"/> keeps, so nothing is counted twice.
/// </summary>
internal static class GossipInstruments
{
    private static readonly NodeHealth[] States = Enum.GetValues<NodeHealth>();

    /// <summary>Creates the observable counters over <paramref name="counts"/>; returns the round-lateness histogram.</summary>
    public static Histogram<double> Create(Meter meter, GossipMetrics counts, ClusterState? cluster)
    {
        if (cluster is not null)
        {
            meter.CreateObservableGauge("psstd.gossip.nodes", () => NodesByState(cluster), "{node}", "Nodes this agent holds, by health state as it judges them now.");
        }

        meter.CreateObservableCounter("psstd.gossip.packets.received", counts.PacketsInByOutcome, "{packet}",
            "Datagrams and stream frames received, by outcome (accepted or the drop reason).");
        meter.CreateObservableCounter("psstd.gossip.packets.sent", () => counts.PacketsOut, "{packet}", "Datagrams and stream frames sent.");
        meter.CreateObservableCounter("psstd.gossip.bytes.received", () => counts.BytesIn, "By", "Bytes of gossip received.");
        meter.CreateObservableCounter("psstd.gossip.bytes.sent", () => counts.BytesOut, "By", "Bytes of gossip sent.");
        meter.CreateObservableCounter("psstd.gossip.send.failures", () => counts.SendFailures, "{packet}", "Sends the network refused.");
        meter.CreateObservableCounter("psstd.gossip.records.new", () => counts.RecordsNew, "{record}", "Record versions new to this node.");
        meter.CreateObservableCounter("psstd.gossip.records.duplicate", () => counts.RecordsDuplicate, "{record}", "Record versions this node held already.");
        meter.CreateObservableCounter("psstd.gossip.rounds.over_budget", () => counts.RoundsOverBudget, "{round}", "Rounds whose news the send budget cut short.");
        meter.CreateObservableCounter("psstd.gossip.sync.rounds", () => counts.SyncRounds, "{exchange}", "Anti-entropy exchanges this node started.");
        meter.CreateObservableCounter("psstd.gossip.streams.opened", () => counts.StreamsOut, "{stream}", "Gossip streams (TCP) opened to peers.");
        meter.CreateObservableCounter("psstd.gossip.streams.accepted", () => counts.StreamsIn, "{stream}", "Gossip streams (TCP) taken in.");
        meter.CreateObservableCounter("psstd.gossip.streams.dropped", counts.StreamDropsByReason, "{stream}", "Gossip streams cut, by reason.");
        meter.CreateObservableCounter("psstd.gossip.replies.refused", () => counts.RepliesRefused, "{request}",
            "Requests left unanswered because the answer would go to no live member.");
        meter.CreateObservableCounter("psstd.gossip.records.refused", () => counts.RecordsRefused, "{record}", "Records of new nodes refused because the node cap is reached.");
        meter.CreateObservableCounter("psstd.gossip.claims.refuted", () => counts.ClaimsRefuted, "{claim}", "Claimed versions the node itself contradicted.");
        meter.CreateObservableCounter("psstd.gossip.claims.dropped", () => counts.ClaimsDropped, "{claim}", "Claimed versions nobody confirmed, or that could not be checked.");
        meter.CreateObservableCounter("psstd.gossip.packets.previous_version", () => counts.PreviousVersionIn, "{packet}",
            "Packets accepted in the previous wire version (peers not yet upgraded).");
        return meter.CreateHistogram<double>("psstd.gossip.round.lateness", "s", "How much later than its interval each gossip round started.");
    }

    private static Measurement<long>[] NodesByState(ClusterState cluster)
    {
        var counts = new long[States.Length];
        cluster.JudgeEach((_, health, _) => counts[(int)health]++);
        var measurements = new Measurement<long>[States.Length];
        for (var i = 0; i < States.Length; i++)
        {
            measurements[i] = new Measurement<long>(counts[i], new KeyValuePair<string, object?>("state", States[i].ToString().ToLowerInvariant()));
        }

        return measurements;
    }
}
