using System.Net;
using System.Threading.Channels;
using Polly;
using Psstd.Agent.Configuration;
using Psstd.Agent.Notices;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// Posts alert notifications to the webhook (<c>PSSTD_ALERT_WEBHOOK</c>). <see cref="TryEnqueue"/> never waits: a
/// bounded queue takes the notice or it is dropped and counted, so a slow or hostile receiver can hold up nothing
/// but this notifier's own loop. The loop sends up to <see cref="WebhookDeliveryOptions.MaxInFlight"/> notices at
/// once, those of one alert (one key) in order, each through
/// <see cref="WebhookRetry"/>: delivered, refused, or given up within <see cref="WebhookDeliveryOptions.TotalTimeout"/>,
/// and counted either way. Delivery is at least once: a retry after an answer that got lost repeats the notice
/// with the same <c>Idempotency-Key</c>.
/// </summary>
internal sealed class WebhookNotifier : BackgroundService
{
    private readonly AlertWebhookSettings _target;
    private readonly WebhookDeliveryOptions _options;
    private readonly AlertDeliveryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<AlertNotice> _queue;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly DeliveredNotices? _delivered;
    private long _burstDropped;
    private readonly Dictionary<string, Task<DeliveryOutcome>> _lastOfKey = new(StringComparer.Ordinal);

    /// <param name="handler">The HTTP handler; null: one of its own, which follows no redirects.</param>
    /// <param name="delivered">Where accepted notices are noted, for this node's record to carry; null: nowhere.</param>
    public WebhookNotifier(
        AlertWebhookSettings target,
        WebhookDeliveryOptions options,
        AlertDeliveryMetrics metrics,
        TimeProvider time,
        ILogger<WebhookNotifier> logger,
        HttpMessageHandler? handler = null,
        DeliveredNotices? delivered = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        _target = target;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _delivered = delivered;
        _queue = Channel.CreateBounded<AlertNotice>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refused at once when full, never waited for
            SingleReader = true,
        });

        // Redirects are not followed: a POST turned into a GET elsewhere is no delivery, and the header must not travel on.
        _client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the pipeline's per-attempt timeout, on the injected clock, bounds each attempt
        };
        _pipeline = WebhookRetry.Build(options, time);
    }

    /// <summary>Notices waiting to be sent.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Queues <paramref name="notice"/>; false when the queue is full (the notice is dropped and counted). Never blocks.</summary>
    public bool TryEnqueue(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (_queue.Writer.TryWrite(notice))
        {
            return true;
        }

        _metrics.Drop();
        if (Interlocked.Increment(ref _burstDropped) == 1)
        {
            AlertDeliveryLog.QueueFull(_logger, _options.QueueCapacity);
        }

        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var format = _target.Format.ToString().ToLowerInvariant();
        AlertDeliveryLog.Started(_logger, _target.DisplayUrl, format);
        if (_target.Header is { } header && _target.Url.Scheme == Uri.UriSchemeHttp && !_target.Url.IsLoopback)
        {
            AlertDeliveryLog.HeaderInClear(_logger, _target.DisplayUrl, header.Name);
        }

        using var slots = new SemaphoreSlim(Math.Max(1, _options.MaxInFlight));
        try
        {
            // A slot first, then a notice: one taken from the queue is always on its way, never waiting unseen.
            while (true)
            {
                await slots.WaitAsync(stoppingToken);
                if (!await _queue.Reader.WaitToReadAsync(stoppingToken))
                {
                    break;
                }

                if (!_queue.Reader.TryRead(out var notice))
                {
                    slots.Release();
                    continue;
                }

                if (Interlocked.Read(ref _burstDropped) > 0)
                {
                    var dropped = Interlocked.Exchange(ref _burstDropped, 0);
                    AlertDeliveryLog.QueueDrained(_logger, dropped);
                }

                var before = _lastOfKey.GetValueOrDefault(notice.Key);
                _lastOfKey[notice.Key] = DeliverAfterAsync(before, notice, slots, stoppingToken);
                Forget(static t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the notices being delivered end with the token; say what is left.
        }

        var left = Queued + _lastOfKey.Values.Count(t => !t.IsCompleted);
        await Task.WhenAll(_lastOfKey.Values);
        if (stoppingToken.IsCancellationRequested && left > 0)
        {
            AlertDeliveryLog.Abandoned(_logger, left);
        }
    }

    /// <summary>Sends <paramref name="notice"/> once the notice of the same alert before it is done, then frees its slot.</summary>
    private async Task<DeliveryOutcome> DeliverAfterAsync(Task<DeliveryOutcome>? before, AlertNotice notice, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            if (before is not null)
            {
                await before;
            }

            return stoppingToken.IsCancellationRequested ? DeliveryOutcome.Canceled : await DeliverGuardedAsync(notice, stoppingToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Forget(Func<Task<DeliveryOutcome>, bool> done)
    {
        foreach (var key in _lastOfKey.Where(p => done(p.Value)).Select(p => p.Key).ToArray())
        {
            _lastOfKey.Remove(key);
        }
    }

    private async Task<DeliveryOutcome> DeliverGuardedAsync(AlertNotice notice, CancellationToken stoppingToken)
    {
        try
        {
            return await DeliverAsync(notice, stoppingToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or System.Text.Json.JsonException)
        {
            _metrics.Failure(DeliveryOutcome.GaveUp);
            AlertDeliveryLog.DeliveryFailed(_logger, ex);
            return DeliveryOutcome.GaveUp;
        }
    }

    /// <summary>Sends one notice with retries; logs and counts what became of it. The loop's body, called directly by tests.</summary>
    public async Task<DeliveryOutcome> DeliverAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var rule = NoticeText.Printable(notice.Rule, 128);
        var node = NoticeText.Printable(notice.Node, 128);
        var state = notice.IsResolved ? AlertNotice.Resolved : AlertNotice.Firing;
        var send = new Attempts(this, WebhookBody.Serialize(notice, _target.Format, _time.GetUtcNow()), WebhookRequest.IdempotencyKey(notice));
        var started = _time.GetTimestamp();

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WebhookRetry.OnRetryKey, args =>
        {
            _metrics.Retry();
            if (!_logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            var why = WebhookRetry.Reason(args.Outcome, _time);
            AlertDeliveryLog.Retrying(_logger, args.AttemptNumber + 1, rule, state, node, why, args.RetryDelay, args.Outcome.Exception);
        });
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(static (ctx, send) => send.SendAsync(ctx.CancellationToken), context, send);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using var response = outcome.Result;
        var result = Judge(outcome, cancellationToken);
        switch (result)
        {
            case DeliveryOutcome.Delivered:
                _metrics.Sent(notice.IsResolved);
                _delivered?.Add(notice.Key, notice.State);
                AlertDeliveryLog.Delivered(_logger, rule, state, node, send.Count);
                break;
            case DeliveryOutcome.Rejected:
                _metrics.Failure(result);
                AlertDeliveryLog.Rejected(_logger, rule, state, node, (int)response!.StatusCode);
                break;
            case DeliveryOutcome.GaveUp:
                _metrics.Failure(result);
                var reason = WebhookRetry.Reason(outcome, _time);
                if (response is not null && WebhookRetry.RetryAfter(response, _time) > _options.MaxRetryAfter)
                {
                    reason += $", past the {_options.MaxRetryAfter.TotalSeconds:0.#}s psstd waits at most";
                }

                AlertDeliveryLog.GaveUp(_logger, rule, state, node, send.Count, _time.GetElapsedTime(started), reason, outcome.Exception);
                break;
            default:
                break; // stopping: the loop says how many were left
        }

        return result;
    }

    public override void Dispose()
    {
        base.Dispose();
        _client.Dispose();
    }

    private static DeliveryOutcome Judge(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is { } response)
        {
            return response.IsSuccessStatusCode ? DeliveryOutcome.Delivered
                : WebhookRetry.IsTransient(response.StatusCode) ? DeliveryOutcome.GaveUp
                : DeliveryOutcome.Rejected;
        }

        return cancellationToken.IsCancellationRequested ? DeliveryOutcome.Canceled : DeliveryOutcome.GaveUp;
    }

    /// <summary>The attempts of one notice: the same body and key each time, a fresh request (a sent one cannot be sent again).</summary>
    private sealed class Attempts(WebhookNotifier owner, byte[] body, string idempotencyKey)
    {
        public int Count { get; private set; }

        public async ValueTask<Outcome<HttpResponseMessage>> SendAsync(CancellationToken cancellationToken)
        {
            Count++;
            using var request = WebhookRequest.Create(owner._target, body, idempotencyKey);
            try
            {
                // Headers only: the answer's body is never read, so a receiver that streams one forever holds nothing.
                var response = await owner._client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return Outcome.FromResult(response);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }
    }
}
