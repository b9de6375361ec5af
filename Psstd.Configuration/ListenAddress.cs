using System.Globalization;
using System.Net;

namespace Psstd.Configuration;

/// <summary>
/// A <c>host:port</c> to listen on or dial, psstd style: <c>:8080</c> means every interface,
/// IPv6 hosts are bracketed (<c>[::1]:8080</c>).
/// </summary>
/// <param name="Host">Empty for every interface; otherwise an IP literal or a DNS name.</param>
public sealed record ListenAddress(string Host, int Port)
{
    public const string Rule = "must be host:port or :port with a port from 1 to 65535 (IPv6 hosts in brackets)";

    public bool IsAnyHost => Host.Length == 0;

    /// <summary>Only this machine can reach the address: <c>localhost</c> or a loopback IP (an any-address listen is not).</summary>
    public bool IsLoopback => IsLoopbackHost(Host);

    /// <summary>Whether <paramref name="host"/> (a bare host, no port or brackets) names this machine's loopback.</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Parses <paramref name="text"/>; null when it breaks <see cref="Rule"/>.</summary>
    public static ListenAddress? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || !IPAddress.TryParse(host[1..^1], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return null;
            }

            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return null; // an unbracketed IPv6 literal is ambiguous
        }

        return new ListenAddress(host, port);
    }

    /// <summary>The endpoint to bind: any-address when no host is given, else the literal; null for a DNS name.</summary>
    public IPEndPoint? ToBindEndPoint()
    {
        if (IsAnyHost)
        {
            return new IPEndPoint(IPAddress.IPv6Any, Port);
        }

        return IPAddress.TryParse(Host, out var ip) ? new IPEndPoint(ip, Port) : null;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
