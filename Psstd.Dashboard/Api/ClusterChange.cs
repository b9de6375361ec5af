using Psstd.Contracts;

namespace Psstd.Dashboard.Api;

/// <summary>One event of <c>/api/cluster/stream</c> after the first: the nodes that changed and those that went away.</summary>
/// <param name="Changed">New nodes and nodes with a new (generation, sequence), health or dashboard URL, in full.</param>
/// <param name="Removed">Ids the agent no longer lists.</param>
public sealed record ClusterChange(IReadOnlyList<NodeSnapshot> Changed, IReadOnlyList<Guid> Removed)
{
    public bool IsEmpty => Changed.Count == 0 && Removed.Count == 0;
}
