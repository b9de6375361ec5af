using Psstd.Contracts;

namespace Psstd.Agent.Terminal;

/// <summary>Where the terminal view gets the cluster: a running agent's socket, or a viewer's own gossip.</summary>
internal interface ISnapshotSource
{
    /// <summary>Shown in the header, such as "mirror of /run/user/1000/psstd/agent.sock".</summary>
    string Description { get; }

    /// <summary>The cluster now; null when the source cannot tell (the agent stopped answering).</summary>
    Task<ClusterSnapshot?> ReadAsync(CancellationToken cancellationToken);
}
