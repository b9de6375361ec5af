using System.Globalization;
using System.Net;
using Psstd.Configuration;

namespace Psstd.Dashboard.Access;

/// <summary>
/// Who may read the dashboard. Open unless one of the settings is given: basic credentials from an htpasswd
/// file, bearer tokens given by their SHA-256, or the user header of an authenticating reverse proxy that
/// is trusted only from the listed addresses. Any one that matches lets a request in.
/// </summary>
/// <param name="Users">Basic credentials (<c>PSSTD_HTTP_HTPASSWD</c>), or null.</param>
/// <param name="TokenHashes">SHA-256 of each bearer token accepted (<c>PSSTD_HTTP_TOKEN_SHA256</c>).</param>
/// <param name="UserHeader">The proxy's header naming the signed-in user (<c>PSSTD_HTTP_USER_HEADER</c>), or empty.</param>
/// <param name="TrustedProxies">Where that header is believed from (<c>PSSTD_HTTP_TRUSTED_PROXIES</c>).</param>
public sealed record AccessSettings(Htpasswd? Users, IReadOnlyList<byte[]> TokenHashes, string UserHeader, IReadOnlyList<IPNetwork> TrustedProxies)
{
    public const string HtpasswdVariable = "PSSTD_HTTP_HTPASSWD";
    public const string TokensVariable = "PSSTD_HTTP_TOKEN_SHA256";
    public const string UserHeaderVariable = "PSSTD_HTTP_USER_HEADER";
    public const string TrustedProxiesVariable = "PSSTD_HTTP_TRUSTED_PROXIES";

    public static AccessSettings Open { get; } = new(null, [], "", []);

    public bool IsOpen => Users is null && TokenHashes.Count == 0 && UserHeader.Length == 0;

    public static AccessSettings Read(SettingsReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var header = read.Raw(UserHeaderVariable) ?? "";
        var proxies = ReadNetworks(read);
        if (header.Length > 0 && (proxies.Length == 0 || !header.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            read.Fail(UserHeaderVariable, header, $"must be a header name (letters, digits, -) and needs {TrustedProxiesVariable}: the header is believed only from the proxy");
        }

        return new AccessSettings(ReadUsers(read), ReadTokens(read), header, proxies);
    }

    private static Htpasswd? ReadUsers(SettingsReader read)
    {
        var path = read.Raw(HtpasswdVariable);
        if (path is null)
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            read.Fail(HtpasswdVariable, path, $"must name a readable htpasswd file ({ex.Message})");
            return null;
        }

        var users = Htpasswd.Parse(lines, out var error);
        if (users is null)
        {
            read.Fail(HtpasswdVariable, path, error!);
        }

        return users;
    }

    private static byte[][] ReadTokens(SettingsReader read)
    {
        var raw = read.Raw(TokensVariable);
        if (raw is null)
        {
            return [];
        }

        var hashes = new List<byte[]>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length != 64 || !part.All(char.IsAsciiHexDigit))
            {
                read.Fail(TokensVariable, raw, "must be comma-separated SHA-256 digests of the tokens, 64 hex digits each (sha256sum)");
                return [];
            }

            hashes.Add(Convert.FromHexString(part));
        }

        return [.. hashes];
    }

    private static IPNetwork[] ReadNetworks(SettingsReader read)
    {
        var raw = read.Raw(TrustedProxiesVariable);
        if (raw is null)
        {
            return [];
        }

        var networks = new List<IPNetwork>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var single))
            {
                networks.Add(new IPNetwork(single, single.GetAddressBytes().Length * 8));
            }
            else
            {
                read.Fail(TrustedProxiesVariable, raw, "must be comma-separated IP addresses or CIDR networks (10.0.0.0/8)");
                return [];
            }
        }

        return [.. networks];
    }

    /// <summary>Whether <paramref name="address"/> is one of the trusted proxies (IPv4 seen as IPv6-mapped counts too).</summary>
    public bool IsTrustedProxy(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return TrustedProxies.Any(n => n.Contains(plain));
    }

    /// <summary>Counts only: a log line must never carry a hash.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"users={Users?.Count ?? 0} tokens={TokenHashes.Count} header={UserHeader}");
}
