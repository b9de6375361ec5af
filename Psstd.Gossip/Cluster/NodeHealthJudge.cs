using Psstd.Contracts;

namespace Psstd.Gossip.Cluster;

/// <summary>Health from the age of a node's current record and what the failure detector says (docs/failure-detection.md).</summary>
public static class NodeHealthJudge
{
    /// <param name="age">Time since this agent first saw the record, on its own monotonic clock.</param>
    /// <param name="ttl">The origin's TTL, carried in the record.</param>
    /// <param name="left">The record announces a graceful shutdown.</param>
    /// <param name="suspected">This agent's failure detector doubts the node.</param>
    /// <param name="forgotten">The held version is a tombstone: forgotten whatever its age.</param>
    public static NodeHealth Judge(TimeSpan age, TimeSpan ttl, bool left = false, bool suspected = false, bool forgotten = false) =>
        forgotten ? NodeHealth.Forgotten
        : left ? NodeHealth.Left
        : age > ttl ? NodeHealth.Offline
        : suspected ? NodeHealth.Suspect
        : age <= ttl / 2 ? NodeHealth.Fresh
        : NodeHealth.Stale;

    /// <summary>A contact for news, probes and answers: not offline, not gone, not forgotten (an operator or the reaper gave up on it).</summary>
    public static bool IsLive(NodeHealth health) => health is not (NodeHealth.Offline or NodeHealth.Left or NodeHealth.Forgotten);

    /// <summary>The health of a held entry now.</summary>
    public static NodeHealth Judge(ClusterEntry entry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(time);
        return Judge(time.GetElapsedTime(entry.SeenTimestamp), entry.Header.Ttl, entry.Header.Left, entry.Suspected, entry.Header.Forgotten);
    }
}
