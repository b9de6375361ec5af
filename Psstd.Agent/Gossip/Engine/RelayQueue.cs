namespace Psstd.Agent.Gossip.Engine;

/// <summary>
/// Records waiting for the next round, at most one per node: a newer version replaces a waiting older
/// one, so a node that cannot keep up sends fewer versions, never a growing backlog.
/// </summary>
internal sealed class RelayQueue
{
    private readonly Dictionary<Guid, byte[]> _latest = [];
    private readonly List<Guid> _order = [];

    public int Count => _order.Count;

    public void Add(Guid id, byte[] encoded)
    {
        if (!_latest.ContainsKey(id))
        {
            _order.Add(id);
        }

        _latest[id] = encoded;
    }

    /// <summary>Takes every waiting record, oldest news first, into <paramref name="ids"/> and <paramref name="records"/> (cleared first; reused every round).</summary>
    public void Drain(List<Guid> ids, List<byte[]> records)
    {
        ids.Clear();
        records.Clear();
        foreach (var id in _order)
        {
            ids.Add(id);
            records.Add(_latest[id]);
        }

        _order.Clear();
        _latest.Clear();
    }
}
