namespace Psstd.AppHost.Resources;

/// <summary>Names of the Aspire resources of one node: the agent is the parent, its dashboard the child.</summary>
public static class PsstdResourceNames
{
    /// <summary>The agent's UDP (and TCP) gossip endpoint; seeds are found by it (<c>services__NODE-agent__gossip__0</c>).</summary>
    public const string GossipEndpoint = "gossip";

    public const string HttpEndpoint = "http";

    public static string Agent(string nodeName) => $"{nodeName}-agent";

    public static string Dashboard(string nodeName) => $"{nodeName}-dashboard";

    public static string AgentHealthCheck(string nodeName) => $"{nodeName}-agent-socket";
}
