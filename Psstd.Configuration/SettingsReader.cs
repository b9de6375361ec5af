using System.Collections;
using System.Text;

namespace Psstd.Configuration;

/// <summary>
/// Reads typed settings from environment-style variables, collecting every broken rule so the host can
/// stop at start with one line that names the variable, the value and the rule.
/// </summary>
/// <remarks>An empty value counts as unset, so <c>PSSTD_SEEDS=</c> in an env file means the default.</remarks>
public sealed class SettingsReader
{
    /// <summary>Unix socket paths are limited to about 104-108 bytes by the OS; we keep a margin.</summary>
    public const int MaxSocketPathBytes = 100;

    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly List<ConfigurationError> _errors = [];

    public SettingsReader(IReadOnlyDictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>The process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string ?? "";
        }

        return result;
    }

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    /// <summary>Throws <see cref="StartupConfigurationException"/> when any read broke a rule.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new StartupConfigurationException(_errors);
        }
    }

    public string? Raw(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Fail(string name, string value, string rule) => _errors.Add(new ConfigurationError(name, value, rule));

    /// <summary>A name: non-empty, no whitespace, at most 63 UTF-8 bytes (it travels in every record).</summary>
    public string Name(string name, string fallback)
    {
        const string rule = "must be non-empty, without whitespace, at most 63 bytes";
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (value.Length == 0 || value.Any(char.IsWhiteSpace) || Encoding.UTF8.GetByteCount(value) > 63)
        {
            Fail(name, value, rule);
            return fallback;
        }

        return value;
    }

    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan minimum)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        var value = DurationParser.TryParse(raw);
        if (value is null || value < minimum)
        {
            Fail(name, raw, $"must be {DurationParser.Syntax}, at least {DurationParser.Format(minimum)}");
            return fallback;
        }

        return value.Value;
    }

    public ListenAddress Listen(string name, ListenAddress fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        var value = ListenAddress.TryParse(raw);
        if (value is null)
        {
            Fail(name, raw, ListenAddress.Rule);
            return fallback;
        }

        return value;
    }

    public IReadOnlyList<ListenAddress> ListenList(string name)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return [];
        }

        var result = new List<ListenAddress>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = ListenAddress.TryParse(part);
            if (value is null || value.IsAnyHost)
            {
                Fail(name, raw, $"must be a comma-separated list of host:port; \"{part}\" is not");
                return [];
            }

            result.Add(value);
        }

        return result;
    }

    public bool Flag(string name, bool fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        switch (raw.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES" or "ON":
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                return false;
            default:
                Fail(name, raw, "must be true or false");
                return fallback;
        }
    }

    /// <summary>An absolute http(s) URL, query allowed (<c>?psstd_node=a</c>); empty when unset.</summary>
    public string HttpUrl(string name)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return "";
        }

        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Fragment.Length > 0)
        {
            Fail(name, raw, "must be an absolute http:// or https:// URL without a #fragment");
            return "";
        }

        return raw;
    }

    /// <summary>A path made absolute; <paramref name="fallback"/> when unset.</summary>
    public string DirectoryPath(string name, string fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        try
        {
            return Path.GetFullPath(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Fail(name, raw, "must be a valid directory path");
            return fallback;
        }
    }

    /// <summary>A Unix socket path, absolute and short enough for the OS.</summary>
    public string SocketPath(string name, string fallback)
    {
        var path = DirectoryPath(name, fallback);
        if (Encoding.UTF8.GetByteCount(path) >= MaxSocketPathBytes)
        {
            Fail(name, path, $"must be a path shorter than {MaxSocketPathBytes} bytes (the OS limits Unix socket paths)");
            return fallback;
        }

        return path;
    }
}
