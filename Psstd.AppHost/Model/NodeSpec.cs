namespace Psstd.AppHost.Model;

/// <summary>One agent+dashboard pair of the local cluster.</summary>
public sealed record NodeSpec(
    string Name,
    string StateDirectory,
    string SocketPath,
    int GossipPort,
    int HttpPort,
    Uri DashboardUrl,
    ProcessSpec Agent,
    ProcessSpec Dashboard);
