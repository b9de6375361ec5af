using Psstd.Contracts;

namespace Psstd.ClusterView;

/// <summary>
/// What the dashboard's summary, the terminal's header and <c>doctor</c> say when the agent gossips unsealed where
/// other hosts can reach it (<see cref="ClusterSnapshot.GossipUnauthenticated"/>): written once, here.
/// </summary>
public static class TrustNotice
{
    public const string Unauthenticated = "gossip is not authenticated";

    /// <summary>The notice, or empty when gossip is keyed or stays on this machine.</summary>
    public static string Text(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.GossipUnauthenticated ? Unauthenticated : "";
    }
}
