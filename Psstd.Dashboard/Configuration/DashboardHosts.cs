using System.Globalization;
using Psstd.Configuration;

namespace Psstd.Dashboard.Configuration;

/// <summary>
/// The host names the operator says psstd dashboards live at (<c>PSSTD_DASHBOARD_HOSTS</c>): a name, a
/// <c>*.suffix</c> for every name under a domain, or <c>*</c> for any host. Both this dashboard's allowed
/// <c>Host</c> headers and the peer dashboards it links or hands browsers to are checked against it.
/// </summary>
public sealed class DashboardHosts
{
    public const string Variable = "PSSTD_DASHBOARD_HOSTS";

    private const string Rule = "must be a comma-separated list of host names, *.domain patterns or *, without scheme, port or path";

    private static readonly IdnMapping Idn = new();

    private readonly HashSet<string> _names;
    private readonly string[] _suffixes;
    private readonly bool _any;

    private DashboardHosts(HashSet<string> names, string[] suffixes, bool any)
    {
        _names = names;
        _suffixes = suffixes;
        _any = any;
    }

    /// <summary>No host listed: only the defaults apply.</summary>
    public static DashboardHosts None { get; } = new([], [], any: false);

    /// <summary>Reads the setting; a malformed entry is reported to <paramref name="read"/> and the whole setting ignored.</summary>
    public static DashboardHosts Read(SettingsReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var raw = read.Raw(Variable);
        if (raw is null)
        {
            return None;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>();
        var any = false;
        foreach (var entry in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*")
            {
                any = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && AsciiName(entry[2..]) is { } domain)
            {
                suffixes.Add("." + domain);
            }
            else if (AsciiName(entry) is { } name)
            {
                names.Add(name);
            }
            else
            {
                read.Fail(Variable, raw, Rule);
                return None;
            }
        }

        return new DashboardHosts(names, [.. suffixes], any);
    }

    /// <summary>Whether <paramref name="host"/> (a bare host: no port, no brackets) is listed.</summary>
    public bool Lists(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_any)
        {
            return true;
        }

        var ascii = AsciiName(host);
        return ascii is not null
            && (_names.Contains(ascii) || _suffixes.Any(s => ascii.EndsWith(s, StringComparison.OrdinalIgnoreCase) && ascii.Length > s.Length));
    }

    /// <summary>The host's ASCII (IDN) form, lower case; null for anything that is not a plain host name or address.</summary>
    private static string? AsciiName(string text)
    {
        if (text.Length == 0 || Uri.CheckHostName(text) == UriHostNameType.Unknown)
        {
            return null;
        }

        try
        {
            return Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            // An IPv6 literal is no IDN name; it matches only as written.
            return text.Contains(':', StringComparison.Ordinal) ? text.ToLowerInvariant() : null;
        }
    }
}
