using System.Net.Sockets;

namespace Psstd.Agent.Gossip;

internal static partial class GossipLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Node {Name} joined from {GossipAddress}")]
    public static partial void NodeJoined(ILogger logger, string name, string gossipAddress);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Gossip receive failed; listening on")]
    public static partial void ReceiveFailed(ILogger logger, SocketException exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Gossip send to {Target} failed")]
    public static partial void SendFailed(ILogger logger, System.Net.EndPoint target, SocketException exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Cannot resolve gossip peer {Host}; will retry")]
    public static partial void ResolveFailed(ILogger logger, string host, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Own record does not fit a datagram ({Name}); not sent")]
    public static partial void RecordTooLarge(ILogger logger, string name);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Gossip listening on {Address} (udp), advertised as {Advertised}, cluster {Cluster}, seeds: {Seeds}")]
    public static partial void Listening(ILogger logger, object address, string advertised, string cluster, IEnumerable<object> seeds);
}
