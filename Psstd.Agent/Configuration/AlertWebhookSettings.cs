using Psstd.Configuration;

namespace Psstd.Agent.Configuration;

/// <summary>
/// Where alert notifications go (<c>PSSTD_ALERT_WEBHOOK</c>), in which body (<c>PSSTD_ALERT_WEBHOOK_FORMAT</c>) and with
/// which extra header (<c>PSSTD_ALERT_WEBHOOK_HEADER</c>). The URL may itself be a secret (a Slack incoming-webhook
/// URL is one), so what is printed of it is <see cref="DisplayUrl"/>: scheme, host and port only.
/// </summary>
internal sealed record AlertWebhookSettings(Uri Url, AlertWebhookFormat Format, AlertWebhookHeader? Header)
{
    /// <summary>Far above any real endpoint's URL, far below what would strain a request line.</summary>
    public const int MaxUrlLength = 2048;

    public const string UrlRule =
        "must be an absolute http:// or https:// URL of at most 2048 characters, without user-info (put credentials in PSSTD_ALERT_WEBHOOK_HEADER) and without a #fragment";

    public const string FormatRule = "must be psstd, slack or alertmanager";

    /// <summary>Scheme, host and port, the path left out: what logs and errors may show of the URL.</summary>
    public string DisplayUrl => Display(Url);

    public override string ToString() => $"{DisplayUrl} ({Format}{(Header is null ? "" : $", {Header}")})";

    /// <summary>Reads the three variables; null when no webhook is set. Broken rules go to <paramref name="read"/>.</summary>
    public static AlertWebhookSettings? Read(SettingsReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var url = ReadUrl(read);
        var format = ReadFormat(read);
        var header = ReadHeader(read);
        if (read.Raw(AgentVariables.AlertWebhook) is null && header is not null)
        {
            read.Fail(AgentVariables.AlertWebhookHeader, header.ToString(), $"is set without {AgentVariables.AlertWebhook}: there is no webhook to send it to");
        }

        return url is null ? null : new AlertWebhookSettings(url, format, header);
    }

    private static Uri? ReadUrl(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.AlertWebhook);
        if (raw is null)
        {
            return null;
        }

        if (raw.Length <= MaxUrlLength
            && Uri.TryCreate(raw, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0
            && uri.Fragment.Length == 0
            && uri.Host.Length > 0)
        {
            return uri;
        }

        read.Fail(AgentVariables.AlertWebhook, Redact(raw), UrlRule);
        return null;
    }

    private static AlertWebhookFormat ReadFormat(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.AlertWebhookFormat);
        switch (raw?.ToUpperInvariant())
        {
            case null or "PSSTD":
                return AlertWebhookFormat.Psstd;
            case "SLACK":
                return AlertWebhookFormat.Slack;
            case "ALERTMANAGER":
                return AlertWebhookFormat.Alertmanager;
            default:
                read.Fail(AgentVariables.AlertWebhookFormat, raw, FormatRule);
                return AlertWebhookFormat.Psstd;
        }
    }

    private static AlertWebhookHeader? ReadHeader(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.AlertWebhookHeader);
        if (raw is null)
        {
            return null;
        }

        var header = AlertWebhookHeader.TryParse(raw);
        if (header is null)
        {
            read.Fail(AgentVariables.AlertWebhookHeader, "(hidden)", AlertWebhookHeader.Rule);
        }

        return header;
    }

    private static string Display(Uri uri) => $"{uri.Scheme}://{uri.Authority}/...";

    /// <summary>A rejected value as an error may print it: user-info and path can hold secrets, so only what precedes them.</summary>
    private static string Redact(string raw)
    {
        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            return uri.UserInfo.Length > 0 ? $"{uri.Scheme}://(user-info hidden)@{uri.Authority}/..." : Display(uri);
        }

        return raw.Length > 32 || raw.Contains('@', StringComparison.Ordinal) ? "(hidden)" : raw;
    }
}
