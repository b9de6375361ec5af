using System.Diagnostics.Metrics;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// Counts of what the webhook sent, failed, dropped and retried; with a meter factory, published as observable
/// instruments of the <see cref="MeterName"/> meter that read these same counts.
/// </summary>
internal sealed class AlertDeliveryMetrics
{
    /// <summary>The meter alert instruments belong to.</summary>
    public const string MeterName = "Psstd.Alerts";

    private long _sentFiring;
    private long _sentResolved;
    private long _rejected;
    private long _gaveUp;
    private long _dropped;
    private long _retries;

    /// <param name="meterFactory">Publishes the counts as instruments; null (tests): counts only.</param>
    public AlertDeliveryMetrics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("psstd.alerts.notifications.sent", SentByState, "{notification}", "Alert notifications the webhook accepted (2xx), by state (firing, resolved).");
        meter.CreateObservableCounter("psstd.alerts.notifications.failed", FailedByReason, "{notification}",
            "Alert notifications not delivered, by reason: rejected (a status retrying cannot change) or gave_up (attempts or time ran out).");
        meter.CreateObservableCounter("psstd.alerts.notifications.dropped", () => Dropped, "{notification}", "Alert notifications dropped because the send queue was full.");
        meter.CreateObservableCounter("psstd.alerts.notifications.retries", () => Retries, "{attempt}", "Webhook attempts made again after a transient failure.");
    }

    public long SentFiring => Interlocked.Read(ref _sentFiring);

    public long SentResolved => Interlocked.Read(ref _sentResolved);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long GaveUp => Interlocked.Read(ref _gaveUp);

    public long Failed => Rejected + GaveUp;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Retries => Interlocked.Read(ref _retries);

    public void Sent(bool resolved)
    {
        if (resolved)
        {
            Interlocked.Increment(ref _sentResolved);
        }
        else
        {
            Interlocked.Increment(ref _sentFiring);
        }
    }

    public void Failure(DeliveryOutcome outcome)
    {
        if (outcome == DeliveryOutcome.Rejected)
        {
            Interlocked.Increment(ref _rejected);
        }
        else if (outcome == DeliveryOutcome.GaveUp)
        {
            Interlocked.Increment(ref _gaveUp);
        }
    }

    public void Drop() => Interlocked.Increment(ref _dropped);

    public void Retry() => Interlocked.Increment(ref _retries);

    /// <summary>One line for health output: <c>sent 3 firing, 2 resolved; failed 1 (rejected 0, gave up 1); dropped 0; retries 4</c>.</summary>
    public string Describe() =>
        $"sent {SentFiring} firing, {SentResolved} resolved; failed {Failed} (rejected {Rejected}, gave up {GaveUp}); dropped {Dropped}; retries {Retries}";

    private Measurement<long>[] SentByState() =>
    [
        new(SentFiring, new KeyValuePair<string, object?>("state", AlertNotice.Firing)),
        new(SentResolved, new KeyValuePair<string, object?>("state", AlertNotice.Resolved)),
    ];

    private Measurement<long>[] FailedByReason() =>
    [
        new(Rejected, new KeyValuePair<string, object?>("reason", "rejected")),
        new(GaveUp, new KeyValuePair<string, object?>("reason", "gave_up")),
    ];
}
