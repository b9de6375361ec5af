using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;

namespace Psstd.Agent.Forgetting;

/// <summary>
/// An operator's forget: makes the <see cref="Tombstone.Forever"/> of a node's current generation and
/// spreads it (straight to every live peer and by relay). The node is out everywhere until it restarts.
/// A tombstone is a claim like any other: every peer asks the node at its address before it buries it, and a
/// node that still answers keeps its place (it also hears the tombstone and outranks it), so forgetting is for
/// nodes that stopped.
/// </summary>
internal sealed class NodeForgetter(ClusterState cluster, GossipEngine engine, Guid selfId)
{
    /// <param name="node">A node id, or a node name as shown in the snapshot (exact, case-sensitive).</param>
    public ForgetResult Forget(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var matches = Matches(node);
        if (matches.Count == 0)
        {
            return new ForgetResult(ForgetOutcome.NotFound, $"no node named or with id \"{node}\" is known here");
        }

        if (matches.Count > 1)
        {
            var ids = string.Join(", ", matches.Select(m => $"{m.Id} (generation {m.Header.Generation})"));
            return new ForgetResult(ForgetOutcome.Ambiguous, $"{matches.Count} nodes are named \"{node}\": forget one by id: {ids}");
        }

        var entry = matches[0];
        var name = entry.Decode().Name;
        if (entry.Id == selfId)
        {
            return new ForgetResult(
                ForgetOutcome.Self,
                $"{name} is this agent's own node: a running node cannot forget itself; stop it, then forget it from another node");
        }

        engine.Spread(Tombstone.Forever(entry), toEveryLivePeer: true);
        return new ForgetResult(
            ForgetOutcome.Forgotten,
            $"forgot {name} ({entry.Id}, generation {entry.Header.Generation}); every peer asks it first and buries it unless it answers; it returns when it restarts");
    }

    /// <summary>
    /// The entry with this id, else the entries with this name. Among several of one name, those already
    /// forgotten for good drop out: forgetting them again changes nothing, and a node that came back
    /// under a new id (its state dir wiped) keeps its name.
    /// </summary>
    private List<ClusterEntry> Matches(string node)
    {
        if (Guid.TryParse(node, out var id))
        {
            return cluster.Find(id) is { } byId ? [byId] : [];
        }

        var named = cluster.Entries().Where(e => string.Equals(e.Decode().Name, node, StringComparison.Ordinal)).ToList();
        if (named.Count <= 1)
        {
            return named;
        }

        var open = named.Where(e => !Tombstone.IsForever(e.Header)).ToList();
        return open.Count > 0 ? open : named[..1]; // all forgotten for good already: repeating one is harmless
    }
}
