using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Alerts.Delivery;

/// <summary>Headers, retries and their bounds, against a real receiver on loopback.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task EveryRequest_CarriesIdempotencyKey_ContentType_UserAgent_AndTheConfiguredHeader()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Always(204));
        using var notifier = Webhooks.Notifier(receiver.Url, out _, out var logger, header: new AlertWebhookHeader("Authorization", "Bearer s3cret-token"));

        await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None);
        await notifier.DeliverAsync(Webhooks.Resolved(), CancellationToken.None);

        var firing = await receiver.NextAsync();
        var resolved = await receiver.NextAsync();
        Assert.Equal("POST", firing.Method);
        Assert.Equal("/hooks/T01/B02/secret?via=psstd", firing.Path);
        Assert.Equal("cpu-high/6f1c2a8e-firing", firing.Headers["Idempotency-Key"]);
        Assert.Equal("cpu-high/6f1c2a8e-resolved", resolved.Headers["Idempotency-Key"]);
        Assert.Equal("application/json", firing.Headers["Content-Type"]);
        Assert.Equal($"psstd-agent/{WebhookRequest.Version}", firing.Headers["User-Agent"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", WebhookRequest.Version);
        Assert.Equal("Bearer s3cret-token", firing.Headers["Authorization"]);
        Assert.Equal("Bearer s3cret-token", resolved.Headers["Authorization"]);
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Message.Contains("s3cret", StringComparison.Ordinal) || r.Message.Contains("/hooks/", StringComparison.Ordinal));
    }

    [Fact]
    public void IdempotencyKey_PercentEncodesWhatAHeaderCannotCarry_KeepingKeysDistinct()
    {
        Assert.Equal("disk%0Afull%C3%A9-firing", WebhookRequest.IdempotencyKey(Webhooks.Firing(key: "disk\nfullé")));
        Assert.Equal("disk%25%0A-firing", WebhookRequest.IdempotencyKey(Webhooks.Firing(key: "disk%\n")));
        Assert.NotEqual(WebhookRequest.IdempotencyKey(Webhooks.Firing(key: "a b")), WebhookRequest.IdempotencyKey(Webhooks.Firing(key: "a%20b")));
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetried_UntilOneSuccess()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, response, _) =>
        {
            response.StatusCode = n <= 2 ? 503 : 200;
            return Task.CompletedTask;
        });
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger);

        var outcome = await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, outcome);
        var attempts = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };
        Assert.False(receiver.TryTake(out _));
        Assert.Single(attempts.Select(a => a.Headers["Idempotency-Key"]).Distinct());
        Assert.Single(attempts.Select(a => Convert.ToBase64String(a.Body)).Distinct());
        Assert.Equal((1, 0L, 2L), (metrics.SentFiring, metrics.Failed, metrics.Retries));
        Assert.Single(logger.Logged(1953));
    }

    [Fact]
    public async Task TooManyRequests_WaitsWhatRetryAfterAsks()
    {
        var clock = new FakeTimeProvider(Webhooks.Started);
        await using var receiver = await WebhookReceiver.StartAsync((n, response, _) =>
        {
            response.StatusCode = n == 1 ? 429 : 200;
            if (n == 1)
            {
                response.Headers.RetryAfter = "7";
            }

            return Task.CompletedTask;
        }, clock);
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out _, options: WebhookDeliveryOptions.Default, time: clock);

        var delivery = notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None);
        var first = await receiver.NextAsync();
        var second = await AdvanceUntilNextAsync(clock, receiver, TimeSpan.FromSeconds(1), maxSteps: 30);

        Assert.Equal(DeliveryOutcome.Delivered, await delivery.WaitAsync(WebhookReceiver.Patience, TimeProvider.System));
        Assert.InRange(second.At - first.At, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(12)); // not the 1 s backoff: what the receiver asked
        Assert.Equal((1L, 1L), (metrics.SentFiring, metrics.Retries));
    }

    [Fact]
    public async Task RetryAfterPastTheBound_GivesUpAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response, _) =>
        {
            response.StatusCode = 429;
            response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger);

        Assert.Equal(DeliveryOutcome.GaveUp, await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None));

        Assert.Equal(1, receiver.Count);
        Assert.Equal((1L, 0L), (metrics.GaveUp, metrics.Retries));
        Assert.Contains("Retry-After 3600s, past the 30s", Assert.Single(logger.Logged(1956)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(302)]
    public async Task FinalStatus_IsNotRetried_AndCountedFailed(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response, _) =>
        {
            response.StatusCode = status;
            response.Headers.Location = "http://127.0.0.1:1/elsewhere"; // a redirect is not followed either
            return Task.CompletedTask;
        });
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger);

        Assert.Equal(DeliveryOutcome.Rejected, await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None));

        Assert.Equal(1, receiver.Count);
        Assert.Equal((1L, 0L, 0L), (metrics.Rejected, metrics.Retries, metrics.SentFiring));
        var log = Assert.Single(logger.Logged(1955));
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains($"HTTP {status}", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentFailure_GivesUpAfterFiveAttempts_CountedAndLogged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Always(503));
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger);

        Assert.Equal(DeliveryOutcome.GaveUp, await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None));

        Assert.Equal(5, receiver.Count);
        Assert.Equal((1L, 4L, 0L), (metrics.GaveUp, metrics.Retries, metrics.SentFiring));
        var log = Assert.Single(logger.Logged(1956));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("cpu-high firing on node-3 after 5 attempt(s)", log.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedConnection_IsRetried_ThenGivenUp()
    {
        var closed = await ClosedPortAsync();
        using var notifier = Webhooks.Notifier(closed, out var metrics, out var logger);

        Assert.Equal(DeliveryOutcome.GaveUp, await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None));

        Assert.Equal((1L, 4L), (metrics.GaveUp, metrics.Retries));
        var log = Assert.Single(logger.Logged(1956));
        Assert.Contains("network: ConnectionError", log.Message, StringComparison.Ordinal);
        Assert.NotNull(log.Exception);
    }

    [Fact]
    public async Task ReceiverThatNeverAnswers_IsGivenUpAtTheTimeBound_WithAttemptsLeft()
    {
        var clock = new FakeTimeProvider(Webhooks.Started);
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NeverAnswer);
        var options = WebhookDeliveryOptions.Default with { MaxAttempts = 100, TotalTimeout = TimeSpan.FromSeconds(20) };
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger, options: options, time: clock);

        var delivery = notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None);
        await receiver.NextAsync();
        var steps = 0;
        while (!delivery.IsCompleted && steps++ < 60)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        Assert.Equal(DeliveryOutcome.GaveUp, await delivery.WaitAsync(WebhookReceiver.Patience, TimeProvider.System));
        Assert.InRange(steps, 20, 30); // fake seconds: the 20 s bound (and a little for a slow machine), not 100 attempts of 5 s
        Assert.InRange(receiver.Count, 2, 5); // 5 s attempts with backoff between them
        Assert.Equal(1, metrics.GaveUp);
        Assert.Contains("timed out", Assert.Single(logger.Logged(1956)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_ArePublishedOnThePsstdAlertsMeter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        await using var receiver = await WebhookReceiver.StartAsync((n, response, _) =>
        {
            response.StatusCode = n == 1 ? 500 : n == 2 ? 200 : 400;
            return Task.CompletedTask;
        });
        var metrics = new AlertDeliveryMetrics(factory);
        using var notifier = new WebhookNotifier(
            new AlertWebhookSettings(receiver.Url, AlertWebhookFormat.Psstd, null), Webhooks.Quick, metrics, TimeProvider.System,
            new Microsoft.Extensions.Logging.Testing.FakeLogger<WebhookNotifier>());

        await notifier.DeliverAsync(Webhooks.Resolved(), CancellationToken.None);
        await notifier.DeliverAsync(Webhooks.Firing(), CancellationToken.None);

        Assert.Equal(1, Read(factory, "psstd.alerts.notifications.sent", "state", "resolved"));
        Assert.Equal(0, Read(factory, "psstd.alerts.notifications.sent", "state", "firing"));
        Assert.Equal(1, Read(factory, "psstd.alerts.notifications.failed", "reason", "rejected"));
        Assert.Equal(0, Read(factory, "psstd.alerts.notifications.failed", "reason", "gave_up"));
        Assert.Equal(1, Read(factory, "psstd.alerts.notifications.retries"));
        Assert.Equal(0, Read(factory, "psstd.alerts.notifications.dropped"));
        Assert.Equal("sent 0 firing, 1 resolved; failed 1 (rejected 1, gave up 0); dropped 0; retries 1", metrics.Describe());
    }

    private static long Read(System.Diagnostics.Metrics.IMeterFactory factory, string instrument, string? tag = null, string? value = null)
    {
        using var collector = new MetricCollector<long>(factory, AlertDeliveryMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().Single(m => tag is null || Equals(m.Tags[tag], value)).Value;
    }

    /// <summary>Drives the fake clock a step at a time until the receiver's next request arrives.</summary>
    private static async Task<ReceivedRequest> AdvanceUntilNextAsync(FakeTimeProvider clock, WebhookReceiver receiver, TimeSpan step, int maxSteps)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            clock.Advance(step);
            try
            {
                return await receiver.NextAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
            }
        }

        throw new TimeoutException($"no request after {maxSteps} steps of {step}");
    }

    /// <summary>A loopback URL nothing listens on: a port the OS gave out and took back.</summary>
    private static async Task<Uri> ClosedPortAsync()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Always(200));
        return receiver.Url;
    }
}
