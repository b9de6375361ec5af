namespace Psstd.Agent.Configuration;

/// <summary>
/// One header every webhook request carries (<c>PSSTD_ALERT_WEBHOOK_HEADER</c>), typically an Authorization token.
/// The value is a secret: <see cref="ToString"/> leaves it out, so no log or error message can print it.
/// </summary>
internal sealed record AlertWebhookHeader(string Name, string Value)
{
    /// <summary>Headers psstd sets itself or that frame the request: one from the operator would contradict them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Idempotency-Key",
    };

    /// <summary>Longer values are no token anyone issues; the bound keeps the request within what servers accept.</summary>
    public const int MaxLength = 8192;

    public const string Rule =
        "must be \"Name: value\" such as \"Authorization: Bearer <token>\": a name of letters, digits and !#$%&'*+-.^_`|~, "
        + "a value of printable ASCII without CR or LF, at most 8192 characters in all, "
        + "and not a header psstd sets itself (Host, Content-Type, Content-Length, Transfer-Encoding, Connection, Idempotency-Key)";

    /// <summary>Parses <c>Name: value</c>; null when it breaks <see cref="Rule"/>.</summary>
    public static AlertWebhookHeader? TryParse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        if (raw.Length > MaxLength || colon <= 0)
        {
            return null;
        }

        var name = raw[..colon];
        var value = raw[(colon + 1)..].Trim(' ', '\t');
        if (!name.All(IsTokenChar) || Reserved.Contains(name) || value.Length == 0 || !value.All(c => c is '\t' || (c >= ' ' && c <= '~')))
        {
            return null;
        }

        return new AlertWebhookHeader(name, value);
    }

    public override string ToString() => $"{Name}: (hidden)";

    /// <summary>RFC 9110's tchar: what a header name may hold.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
