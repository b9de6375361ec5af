namespace Psstd.Gossip.Cluster;

/// <summary>
/// What <see cref="ClusterState"/> holds for one node, changed in place under its lock; <see cref="Version"/> null:
/// nothing (the number belongs to a node this state never took).
/// </summary>
internal struct ClusterSlot
{
    public RecordVersion? Version;

    /// <summary>When the held version first arrived: freshness is judged from it.</summary>
    public long Seen;

    /// <summary>Last evidence the node lives: the version's arrival or a later answered probe.</summary>
    public long Alive;

    /// <summary>When the silence scan next looks at this slot (<see cref="long.MaxValue"/>: found silent, no news since).</summary>
    public long Due;

    public bool Suspected;

    /// <summary>In the silent list (it may have been revived since: the next scan drops it then).</summary>
    public bool Listed;
}
