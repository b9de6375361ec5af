using System.Net.Sockets;

namespace Psstd.Agent.Gossip;

internal static partial class GossipLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Gossip receive failed; listening on")]
    public static partial void ReceiveFailed(ILogger logger, SocketException exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Gossip send to {Target} failed")]
    public static partial void SendFailed(ILogger logger, System.Net.EndPoint target, SocketException exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Cannot resolve gossip peer {Host}; will retry")]
    public static partial void ResolveFailed(ILogger logger, string host, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Gossip listening on {Address} (udp), advertised as {Advertised}, cluster {Cluster}, seeds: {Seeds}")]
    public static partial void Listening(ILogger logger, object address, string advertised, string cluster, IEnumerable<object> seeds);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Gossip is not authenticated: no PSSTD_KEY, and {Address} is reachable from other hosts, so anyone who can send it a datagram can add or change nodes. Give every node of the cluster the same PSSTD_KEY")]
    public static partial void Unauthenticated(ILogger logger, string address);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Gossip stream to {Target} failed")]
    public static partial void StreamFailed(ILogger logger, System.Net.EndPoint target, Exception exception);
}
