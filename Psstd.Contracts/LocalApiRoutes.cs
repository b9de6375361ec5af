namespace Psstd.Contracts;

/// <summary>Paths of the agent's local API on its Unix socket.</summary>
public static class LocalApiRoutes
{
    /// <summary>The cluster snapshot as JSON (<see cref="ClusterSnapshot"/>).</summary>
    public const string Cluster = "/v1/cluster";

    /// <summary>Health of the agent itself, in the health-check JSON shape.</summary>
    public const string Health = "/healthz";
}
