namespace Psstd.Contracts;

/// <summary>Paths of the agent's local API on its Unix socket.</summary>
public static class LocalApiRoutes
{
    /// <summary>The cluster snapshot as JSON (<see cref="ClusterSnapshot"/>).</summary>
    public const string Cluster = "/v1/cluster";

    /// <summary>Health of the agent itself, in the health-check JSON shape.</summary>
    public const string Health = "/healthz";

    /// <summary>
    /// History of one node (<see cref="NodeHistory"/>); the route value is the node's name or id.
    /// Query: <c>since</c> and <c>until</c> (ISO 8601, default the last hour), <c>resolution</c>
    /// (a duration such as <c>5s</c> or <c>1m</c>; default the stored resolution) and <c>format</c>
    /// (<c>json</c>, <c>csv</c> or <c>ndjson</c>; default json). Unknown node: 404.
    /// </summary>
    public const string NodeHistory = "/v1/nodes/{node}/history";

    /// <summary>Forgets a node on every peer (POST, no body): a tombstone spread by gossip. Unknown node: 404.</summary>
    public const string ForgetNode = "/v1/nodes/{node}/forget";

    /// <summary>
    /// Recent cluster events, newest first (<see cref="ClusterEventList"/>). Query: <c>node</c> (name or id,
    /// optional) and <c>limit</c> (default 100).
    /// </summary>
    public const string Events = "/v1/events";

    /// <summary>Where this agent's gossip contacts came from and when each was last heard (<see cref="GossipContactList"/>).</summary>
    public const string Contacts = "/v1/contacts";

    /// <summary>
    /// Sets a silence on this agent (POST; query <c>rule</c> and <c>node</c>, patterns, empty for any; <c>for</c>, a
    /// duration from 1m to 30d; <c>comment</c>): 201 with its id, 400 naming the broken field. Running silences are
    /// listed in the cluster snapshot (<see cref="ClusterSnapshot.Silences"/>).
    /// </summary>
    public const string Silences = "/v1/silences";

    /// <summary>Ends a silence set on this agent early (DELETE): 200, or 404 when this agent has none of that id.</summary>
    public const string Silence = "/v1/silences/{id}";

    /// <summary>The route of one silence.</summary>
    public static string SilenceOf(Guid id) => Silence.Replace("{id}", id.ToString("D"), StringComparison.Ordinal);

    /// <summary>The history route for one node, escaped.</summary>
    public static string HistoryOf(string node) => NodeHistory.Replace("{node}", Uri.EscapeDataString(node), StringComparison.Ordinal);

    /// <summary>The forget route for one node, escaped.</summary>
    public static string ForgetOf(string node) => ForgetNode.Replace("{node}", Uri.EscapeDataString(node), StringComparison.Ordinal);
}
