using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// The resilience pipeline of one delivery, outermost first: a time bound on the whole delivery, retries of
/// transient failures with exponential backoff and jitter (or the receiver's <c>Retry-After</c>), and a time bound
/// on each attempt. Transient: network errors, an attempt timing out, 408, 429 and 5xx. Every other answer is final.
/// </summary>
internal static class WebhookRetry
{
    /// <summary>Where a delivery keeps its attempt count and what it logs with, for the retry callback.</summary>
    public static readonly ResiliencePropertyKey<Action<OnRetryArguments<HttpResponseMessage>>> OnRetryKey = new("psstd.alerts.on-retry");

    public static ResiliencePipeline<HttpResponseMessage> Build(WebhookDeliveryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(OnRetryKey, out var onRetry))
                    {
                        onRetry(args);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>True for a failure another attempt may cure, and only while the receiver's Retry-After is within the bound.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, WebhookDeliveryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (outcome.Result is { } response)
        {
            return IsTransient(response.StatusCode) && !(RetryAfter(response, time) > options.MaxRetryAfter);
        }

        return outcome.Exception is HttpRequestException or IOException or TimeoutRejectedException;
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status is >= 500 and <= 599;

    /// <summary>How long the receiver asked to wait (seconds or an HTTP date); null when it did not say.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Why an attempt failed, in a few words for the log.</summary>
    public static string Reason(Outcome<HttpResponseMessage> outcome, TimeProvider time)
    {
        if (outcome.Result is { } response)
        {
            return RetryAfter(response, time) is { } wait
                ? $"HTTP {(int)response.StatusCode}, Retry-After {wait.TotalSeconds:0.#}s"
                : $"HTTP {(int)response.StatusCode}";
        }

        return outcome.Exception switch
        {
            TimeoutRejectedException => "timed out",
            HttpRequestException http => $"network: {http.HttpRequestError}",
            { } other => other.GetType().Name,
            null => "unknown",
        };
    }
}
