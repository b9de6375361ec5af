using Psstd.Gossip.Cluster;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Versions waiting for the next round, oldest news first. A version that a newer one replaced in the
/// cluster state meanwhile is dropped when the queue drains (the newer one was queued after it, or came
/// by repair). A version is queued once: it is new to this node once (a round over budget puts back
/// what it did not send, in place of what it drained). So a node that cannot keep up sends fewer versions, never a growing backlog.
/// </summary>
internal sealed class RelayQueue
{
    private readonly List<RecordVersion> _waiting = [];

    public int Count => _waiting.Count;

    public void Add(RecordVersion version) => _waiting.Add(version);

    /// <summary>
    /// Takes every waiting version still current in <paramref name="cluster"/> into
    /// <paramref name="versions"/> and their bytes into <paramref name="records"/> (both cleared first; reused every round).
    /// </summary>
    public void Drain(ClusterState cluster, List<RecordVersion> versions, List<byte[]> records)
    {
        versions.Clear();
        records.Clear();
        foreach (var version in _waiting)
        {
            if (cluster.IsCurrent(version))
            {
                versions.Add(version);
                records.Add(version.Encoded);
            }
        }

        _waiting.Clear();
        if (_waiting.Capacity > 4 * Math.Max(versions.Count, 256))
        {
            _waiting.Capacity = Math.Max(versions.Count, 256); // a burst is over: do not keep its room per node
        }
    }
}
