using Psstd.Contracts;

namespace Psstd.Agent.Events;

/// <summary>The one rule turning a change of a node's judged health into an event.</summary>
internal static class HealthTransition
{
    /// <summary>
    /// The event for a node judged <paramref name="previous"/> last time and <paramref name="current"/>
    /// now: none when nothing changed; join for a node not known before; recovered for any way back to
    /// fresh; otherwise the name of the state it fell into.
    /// </summary>
    public static ClusterEventKind? Kind(NodeHealth? previous, NodeHealth current) =>
        previous is null ? ClusterEventKind.Join
        : previous == current ? null
        : current switch
        {
            NodeHealth.Fresh => ClusterEventKind.Recovered,
            NodeHealth.Stale => ClusterEventKind.Stale,
            NodeHealth.Suspect => ClusterEventKind.Suspect,
            NodeHealth.Offline => ClusterEventKind.Offline,
            NodeHealth.Left => ClusterEventKind.Left,
            NodeHealth.Forgotten => ClusterEventKind.Forgotten,
            _ => null,
        };
}
