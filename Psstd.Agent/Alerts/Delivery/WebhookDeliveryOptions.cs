namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// The bounds of delivery. The defaults keep every notification's fate decided within a minute: five attempts of at
/// most 5 s each, with exponential backoff and jitter between them (about 1, 2, 4 and 8 s), all inside
/// <see cref="TotalTimeout"/>. Tests shrink them.
/// </summary>
internal sealed record WebhookDeliveryOptions
{
    public static readonly WebhookDeliveryOptions Default = new();

    /// <summary>Notifications waiting to be sent; past it new ones are dropped and counted, never waited for.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>
    /// Notices being delivered at once: a receiver that does not answer one (or a side of a partition that cannot
    /// reach it) holds up only these, not every notice behind them. The notices of one alert still go in order.
    /// </summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>Attempts per notification, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>One attempt: connecting, sending and the response headers.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>All attempts and the waits between them: past it the notification is given up.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first backoff; each next one about doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No backoff is longer.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(16);

    /// <summary>
    /// A receiver's <c>Retry-After</c> up to this long is obeyed; a longer one ends the delivery at once (given up),
    /// since waiting less than it asked would only be refused again.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
}
