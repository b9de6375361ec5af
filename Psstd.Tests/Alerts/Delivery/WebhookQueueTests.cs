using Psstd.Agent.Alerts.Delivery;
using Psstd.Tests.Support;

namespace Psstd.Tests.Alerts.Delivery;

/// <summary>The enqueue side: it never waits, whatever the receiver does.</summary>
public sealed class WebhookQueueTests
{
    private static readonly TimeSpan Patience = WebhookReceiver.Patience;

    [Fact]
    public async Task FullQueue_DropsAndCounts_LoggingOncePerBurst_ThenDrains()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Always(204));
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger, options: Webhooks.Quick with { QueueCapacity = 4 });

        var accepted = Enumerable.Range(0, 7).Select(i => notifier.TryEnqueue(Webhooks.Firing(key: $"k{i}"))).ToArray();

        Assert.Equal([true, true, true, true, false, false, false], accepted);
        Assert.Equal(3, metrics.Dropped);
        Assert.Equal(4, notifier.Queued);
        Assert.Single(logger.Logged(1957));

        await notifier.StartAsync(CancellationToken.None);
        try
        {
            var keys = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                keys.Add((await receiver.NextAsync()).Headers["Idempotency-Key"]);
            }

            Assert.Equal(["k0-firing", "k1-firing", "k2-firing", "k3-firing"], keys.Order()); // several in flight: any order; the dropped ones never sent
            Assert.Contains("3 notification(s) were dropped", Assert.Single(logger.Logged(1958)).Message, StringComparison.Ordinal);
        }
        finally
        {
            await notifier.StopAsync(CancellationToken.None).WaitAsync(Patience, TimeProvider.System);
        }
    }

    [Fact]
    public async Task ReceiverThatNeverAnswers_CannotBlockEnqueue_NorStopping()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NeverAnswer);
        var patient = Webhooks.Quick with { QueueCapacity = 16, MaxInFlight = 1, AttemptTimeout = TimeSpan.FromMinutes(5), TotalTimeout = TimeSpan.FromMinutes(10) };
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out var logger, options: patient);
        await notifier.StartAsync(CancellationToken.None);
        Assert.True(notifier.TryEnqueue(Webhooks.Firing(key: "held")));
        await receiver.NextAsync(); // the loop is now stuck in a request that gets no answer

        var accepted = await Task.Run(() => Enumerable.Range(0, 10_000).Count(i => notifier.TryEnqueue(Webhooks.Firing(key: $"k{i}"))))
            .WaitAsync(Patience, TimeProvider.System);

        Assert.Equal(16, accepted);
        Assert.Equal(10_000 - 16, metrics.Dropped);
        Assert.Single(logger.Logged(1957));
        Assert.Equal(1, receiver.Count);

        await notifier.StopAsync(CancellationToken.None).WaitAsync(Patience, TimeProvider.System);
        Assert.Contains("Stopping with 17 alert notification(s) undelivered", Assert.Single(logger.Logged(1959)).Message, StringComparison.Ordinal);
        Assert.Equal(0, metrics.Failed); // stopped, not failed
    }

    [Fact]
    public async Task AReceiverHoldingOneNotice_DoesNotHoldUpTheOthers_ButANoticeWaitsForTheOneBeforeItOfItsAlert()
    {
        var release = new TaskCompletionSource();
        await using var receiver = await WebhookReceiver.StartAsync(async (number, response, ct) =>
        {
            if (number == 1)
            {
                await release.Task.WaitAsync(ct);
            }

            response.StatusCode = 204;
        });
        using var notifier = Webhooks.Notifier(receiver.Url, out var metrics, out _, options: Webhooks.Quick with { AttemptTimeout = TimeSpan.FromMinutes(5), TotalTimeout = TimeSpan.FromMinutes(10) });
        await notifier.StartAsync(CancellationToken.None);
        try
        {
            notifier.TryEnqueue(Webhooks.Firing(key: "held"));
            Assert.Equal("held-firing", (await receiver.NextAsync()).Headers["Idempotency-Key"]);
            notifier.TryEnqueue(Webhooks.Resolved(key: "held"));
            notifier.TryEnqueue(Webhooks.Firing(key: "other"));

            // The other alert goes out while the first request hangs; the held alert's resolution waits for its firing.
            Assert.Equal("other-firing", (await receiver.NextAsync()).Headers["Idempotency-Key"]);
            Assert.False(receiver.TryTake(out _));

            release.SetResult();
            Assert.Equal("held-resolved", (await receiver.NextAsync()).Headers["Idempotency-Key"]);
            await Eventually.ReturnsAsync("three delivered", Patience, _ => Task.FromResult(metrics.SentFiring + metrics.SentResolved == 3 ? "yes" : null));
        }
        finally
        {
            await notifier.StopAsync(CancellationToken.None).WaitAsync(Patience, TimeProvider.System);
        }
    }
}
