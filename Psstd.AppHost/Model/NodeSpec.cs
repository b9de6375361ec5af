namespace Psstd.AppHost.Model;

/// <summary>One agent+dashboard pair of the local cluster.</summary>
/// <param name="Network">Its namespace and address with <c>--netns</c>; null on loopback.</param>
public sealed record NodeSpec(
    string Name,
    string StateDirectory,
    string SocketPath,
    int GossipPort,
    int HttpPort,
    Uri DashboardUrl,
    ProcessSpec Agent,
    ProcessSpec Dashboard,
    NetnsNode? Network = null);
