namespace Psstd.Agent.Alerts.Delivery;

/// <summary>Logs of alert delivery (event ids 1951-1969). The webhook URL appears only as scheme, host and port, the header never.</summary>
internal static partial class AlertDeliveryLog
{
    [LoggerMessage(EventId = 1951, Level = LogLevel.Information, Message = "Alert notifications go to the webhook {Url} as {Format} bodies")]
    public static partial void Started(ILogger logger, string url, string format);

    [LoggerMessage(EventId = 1952, Level = LogLevel.Warning, Message = "The alert webhook {Url} is plain http off this machine: its {Header} header crosses the network unencrypted; use https")]
    public static partial void HeaderInClear(ILogger logger, string url, string header);

    [LoggerMessage(EventId = 1953, Level = LogLevel.Debug, Message = "Alert {Rule} {State} on {Node} delivered in {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, string rule, string state, string node, int attempts);

    [LoggerMessage(EventId = 1954, Level = LogLevel.Debug, Message = "Alert webhook attempt {Attempt} for {Rule} {State} on {Node} failed ({Reason}); next in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, string rule, string state, string node, string reason, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 1955, Level = LogLevel.Warning, Message = "The alert webhook refused {Rule} {State} on {Node} with HTTP {Status}; not retried")]
    public static partial void Rejected(ILogger logger, string rule, string state, string node, int status);

    [LoggerMessage(EventId = 1956, Level = LogLevel.Error, Message = "Gave up delivering alert {Rule} {State} on {Node} after {Attempts} attempt(s) in {Elapsed}: {Reason}")]
    public static partial void GaveUp(ILogger logger, string rule, string state, string node, int attempts, TimeSpan elapsed, string reason, Exception? exception);

    [LoggerMessage(EventId = 1957, Level = LogLevel.Warning, Message = "The alert notification queue is full ({Capacity}): new notifications are dropped (and counted) until it drains")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 1958, Level = LogLevel.Information, Message = "The alert notification queue has room again; {Dropped} notification(s) were dropped")]
    public static partial void QueueDrained(ILogger logger, long dropped);

    [LoggerMessage(EventId = 1959, Level = LogLevel.Information, Message = "Stopping with {Count} alert notification(s) undelivered")]
    public static partial void Abandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 1960, Level = LogLevel.Error, Message = "An alert notification could not be sent (counted as given up); delivery goes on with the next")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception);
}
