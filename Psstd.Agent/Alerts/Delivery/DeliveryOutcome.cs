namespace Psstd.Agent.Alerts.Delivery;

/// <summary>What became of one notification.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The receiver answered with a status that retrying cannot change (4xx other than 408 and 429, 3xx): counted failed.</summary>
    Rejected,

    /// <summary>Transient failures until the attempts or the time bound ran out: counted failed.</summary>
    GaveUp,

    /// <summary>The agent stopped first.</summary>
    Canceled,
}
