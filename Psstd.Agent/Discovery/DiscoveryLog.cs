namespace Psstd.Agent.Discovery;

internal static partial class DiscoveryLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "mDNS discovery is off (PSSTD_MDNS=false); gossip uses its seeds only")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "mDNS discovery unavailable: {Reason}; gossip goes on with its seeds")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "mDNS advertising and browsing _psstd._tcp on {Interfaces} (left out: {Skipped})")]
    public static partial void Started(ILogger logger, string interfaces, string skipped);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "mDNS name conflict: now advertising as \"{Instance}\" on host {Host}")]
    public static partial void Renamed(ILogger logger, string instance, string host);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Information, Message = "mDNS peers now: {Peers}")]
    public static partial void PeersChanged(ILogger logger, string peers);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Debug, Message = "mDNS send on {Interface} failed")]
    public static partial void SendFailed(ILogger logger, string @interface, Exception exception);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Debug, Message = "mDNS receive failed; listening on")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1608, Level = LogLevel.Error, Message = "mDNS tick failed; next tick goes on")]
    public static partial void TickFailed(ILogger logger, Exception exception);
}
