using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Snapshots;

/// <summary>
/// Turns held entries into the local API's snapshot, judging each node's health now. Forgotten nodes stay
/// in it (health <see cref="NodeHealth.Forgotten"/>, no metrics), so readers choose to show or hide them.
/// </summary>
internal static class ClusterSnapshotFactory
{
    /// <summary>
    /// Silences the snapshot lists at most, honoured ones first: each node carries up to eight, and records of
    /// strangers in an unkeyed cluster must not grow every snapshot without end.
    /// </summary>
    public const int MaxSilencesListed = 256;

    /// <param name="publishStride">Intervals this agent waits between its own records (<see cref="Heartbeat.LocalNode.PublishStride"/>).</param>
    /// <param name="ageOf">Elapsed time since a <see cref="ClusterEntry.SeenTimestamp"/>, on this agent's clock.</param>
    /// <param name="gossipUnauthenticated">
    /// The agent gossips without a key where strangers can reach it (<see cref="ClusterSnapshot.GossipUnauthenticated"/>):
    /// peers' silences are then listed but not honoured.
    /// </param>
    public static ClusterSnapshot Create(
        string cluster, NodeRecord self, int publishStride, IReadOnlyList<ClusterEntry> entries, Func<long, TimeSpan> ageOf, bool gossipUnauthenticated = false)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(ageOf);
        var nodes = new NodeSnapshot[entries.Count];
        List<AlertSilence>? silences = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var record = entries[i].Decode();
            var seen = entries[i].SeenTimestamp;
            var age = ageOf(seen);
            nodes[i] = new NodeSnapshot(
                record.Id,
                record.Name,
                record.Generation,
                record.Sequence,
                NodeHealthJudge.Judge(age, record.Ttl, record.Left, entries[i].Suspected, record.Forgotten),
                Math.Round(age.TotalSeconds, 3),
                record.Ttl.TotalSeconds,
                record.AgentVersion,
                record.DashboardUrl,
                record.GossipAddress,
                record.Id == self.Id,
                record.Metrics,
                record.Interval.TotalSeconds)
            {
                Tags = record.Tags,
                AlertsFingerprint = record.AlertsFingerprint,
                // A stranger's record could claim any delivery and so hold notices back: only trusted when gossip is.
                DeliveredNotices = gossipUnauthenticated ? [] : record.DeliveredNotices,
            };
            foreach (var silence in record.Silences)
            {
                // The time it had left when the origin made the record, less how long this agent has held that record.
                var remaining = (silence.Remaining - age).TotalSeconds;
                if (remaining > 0 && !record.Forgotten)
                {
                    var own = record.Id == self.Id;
                    (silences ??= []).Add(new AlertSilence(
                        silence.Id, silence.Rule, silence.Node, Math.Round(remaining, 1), silence.Comment, record.Id, record.Name, own || !gossipUnauthenticated));
                }
            }
        }

        Array.Sort(nodes, static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : a.Id.CompareTo(b.Id));
        silences?.Sort(static (a, b) =>
            a.Honoured != b.Honoured ? b.Honoured.CompareTo(a.Honoured)
            : a.RemainingSeconds.CompareTo(b.RemainingSeconds) is var bySoon and not 0 ? bySoon : a.Id.CompareTo(b.Id));
        if (silences?.Count > MaxSilencesListed)
        {
            silences.RemoveRange(MaxSilencesListed, silences.Count - MaxSilencesListed);
        }

        return new ClusterSnapshot(cluster, self.Id, self.Name, self.AgentVersion, nodes, publishStride, gossipUnauthenticated)
        {
            Silences = (IReadOnlyList<AlertSilence>?)silences ?? [],
        };
    }
}
