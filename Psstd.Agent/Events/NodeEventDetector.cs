using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.Events;

/// <summary>
/// Compares each node's health as this agent judges it now with the last judgement, and names what
/// changed (<see cref="HealthTransition"/>), plus a version change when a node comes back running
/// another agent version. Owned by one loop (the store writer's tick); not thread-safe.
/// </summary>
internal sealed class NodeEventDetector(TimeProvider time)
{
    private readonly Dictionary<Guid, Known> _known = [];
    private readonly HashSet<Guid> _seen = [];

    /// <summary>Learns nodes without reporting them: those loaded from the store at start are not news.</summary>
    public void Prime(IEnumerable<ClusterEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            var record = entry.Decode();
            _known[entry.Id] = new Known(NodeHealthJudge.Judge(entry, time), entry.Header.Generation, record.Name, record.AgentVersion);
        }
    }

    /// <summary>The events since the last call, for every held entry; a node no longer held counts as forgotten.</summary>
    public IReadOnlyList<ClusterEvent> Observe(IReadOnlyList<ClusterEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var at = time.GetUtcNow();
        var events = new List<ClusterEvent>();
        _seen.Clear();
        foreach (var entry in entries)
        {
            _seen.Add(entry.Id);
            var health = NodeHealthJudge.Judge(entry, time);
            var had = _known.TryGetValue(entry.Id, out var known);
            var current = had ? known with { Health = health } : default;
            if (!had || known.Generation != entry.Header.Generation)
            {
                var record = entry.Decode();
                current = new Known(health, entry.Header.Generation, record.Name, record.AgentVersion);
                if (had && !string.Equals(known.Version, record.AgentVersion, StringComparison.Ordinal))
                {
                    events.Add(new ClusterEvent(at, entry.Id, record.Name, ClusterEventKind.VersionChange, $"{known.Version} -> {record.AgentVersion}"));
                }
            }

            if (HealthTransition.Kind(had ? known.Health : null, health) is { } kind)
            {
                events.Add(new ClusterEvent(at, entry.Id, current.Name, kind, kind == ClusterEventKind.Join ? $"version {current.Version}" : ""));
            }

            _known[entry.Id] = current;
        }

        if (_known.Count > _seen.Count)
        {
            foreach (var (id, known) in _known.Where(k => !_seen.Contains(k.Key)).ToArray())
            {
                _known.Remove(id);
                if (known.Health != NodeHealth.Forgotten)
                {
                    events.Add(new ClusterEvent(at, id, known.Name, ClusterEventKind.Forgotten, "no longer held"));
                }
            }
        }

        return events;
    }

    private readonly record struct Known(NodeHealth Health, long Generation, string Name, string Version);
}
