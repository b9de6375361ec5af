using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// The HTTP request of one attempt. Every attempt of a notification carries the same body and the same
/// <c>Idempotency-Key</c>, so a receiver that saw an attempt whose answer was lost can tell the retry apart.
/// </summary>
internal static class WebhookRequest
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The key is cut here; real keys are far shorter.</summary>
    public const int MaxIdempotencyKey = 256;

    /// <summary>The agent's version without the build suffix, for the User-Agent.</summary>
    public static readonly string Version =
        typeof(WebhookRequest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static readonly ProductInfoHeaderValue UserAgent = new("psstd-agent", Version);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage Create(AlertWebhookSettings target, byte[] body, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(target);
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
        if (target.Header is { } header)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return request;
    }

    /// <summary>
    /// <c>&lt;key&gt;-&lt;state&gt;</c>: the same for every attempt of a notification, different for its firing and its
    /// resolution. Characters a header value cannot carry (controls, non-ASCII) are percent-encoded, so distinct keys stay distinct.
    /// </summary>
    public static string IdempotencyKey(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var raw = $"{NoticeText.Bounded(notice.Key, MaxIdempotencyKey)}-{(notice.IsResolved ? AlertNotice.Resolved : AlertNotice.Firing)}";
        if (raw.All(c => c is > ' ' and <= '~' and not '%'))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(raw))
        {
            if (b is > (byte)' ' and <= (byte)'~' and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
