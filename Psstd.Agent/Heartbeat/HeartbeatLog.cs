namespace Psstd.Agent.Heartbeat;

internal static partial class HeartbeatLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "This platform cannot read: {Metrics}; they are reported as 0")]
    public static partial void MetricsUnavailable(ILogger logger, string metrics);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Heartbeat failed; retrying next interval")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "A peer named a newer version of this node than it published (a forged record or tombstone, or an old copy of this state dir): this node moves on to generation {Generation} so its own records win again")]
    public static partial void ClaimOutranked(ILogger logger, long generation);
}
