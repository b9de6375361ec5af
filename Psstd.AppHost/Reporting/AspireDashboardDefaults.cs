using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Psstd.AppHost.Running;

namespace Psstd.AppHost.Reporting;

/// <summary>
/// What the Aspire dashboard needs on a machine without an HTTPS development certificate: plain-HTTP
/// URLs for its pages, its OTLP receiver and its resource service, permission to use them, and a known
/// browser token so the AppHost can print the login URL. The <c>http</c> launch profile sets the URLs;
/// without a profile (or when one of its ports is taken) free ports near the usual ones are used.
/// </summary>
public static class AspireDashboardDefaults
{
    public const string FrontendUrls = "ASPNETCORE_URLS";
    public const string OtlpUrl = "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL";
    public const string ResourceServiceUrl = "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL";
    public const string AllowUnsecuredTransport = "ASPIRE_ALLOW_UNSECURED_TRANSPORT";
    public const string BrowserToken = "AppHost:BrowserToken";

    private static readonly (string Key, int Port)[] Urls = [(FrontendUrls, 18888), (OtlpUrl, 18889), (ResourceServiceUrl, 18890)];

    /// <summary>The settings to add on top of <paramref name="configuration"/>; <paramref name="say"/> hears of every moved port.</summary>
    public static Dictionary<string, string?> Complete(IConfiguration configuration, Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(say);
        var added = new Dictionary<string, string?>(StringComparer.Ordinal);
        var taken = new HashSet<int>();
        foreach (var (key, preferred) in Urls)
        {
            var configured = configuration[key]?.Split(';')[0];
            var port = configured is not null && Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? uri.Port : preferred;
            var free = PortPicker.Pick(port, 1, udpToo: false, exclude: taken)[0];
            taken.Add(free);
            if (configured is null || free != port)
            {
                added[key] = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{free}");
                if (configured is not null)
                {
                    say($"psstd AppHost: port {port} for {key} is taken; the Aspire dashboard uses {added[key]} instead");
                }
            }
        }

        if (string.IsNullOrEmpty(configuration[AllowUnsecuredTransport]))
        {
            added[AllowUnsecuredTransport] = "true";
        }

        if (string.IsNullOrEmpty(configuration[BrowserToken]))
        {
            added[BrowserToken] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }

        return added;
    }
}
