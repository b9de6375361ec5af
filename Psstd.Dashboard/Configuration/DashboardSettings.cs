using Psstd.Configuration;
using Psstd.Dashboard.Access;
using Psstd.ServiceDefaults.Telemetry;

namespace Psstd.Dashboard.Configuration;

/// <summary>What the dashboard needs to start: where its agent listens and where it serves browsers.</summary>
/// <param name="SocketPath">
/// The local agent's Unix socket (<c>PSSTD_SOCKET</c>). The default is the same fixed per-user path the
/// agent uses, so a pair started by one user finds each other with no setting.
/// </param>
/// <param name="Http">Where browsers reach the dashboard (<c>PSSTD_HTTP</c>, default <c>:8080</c>, every interface).</param>
public sealed record DashboardSettings(string SocketPath, ListenAddress Http)
{
    public const string SocketVariable = "PSSTD_SOCKET";
    public const string HttpVariable = "PSSTD_HTTP";
    public const string AdvertiseHttpVariable = "PSSTD_ADVERTISE_HTTP";
    public const string WebVariable = "PSSTD_WEB";
    public const string OtlpClusterVariable = "PSSTD_OTLP_CLUSTER";
    public const string HeatmapFromVariable = "PSSTD_HEATMAP_FROM";

    /// <summary>
    /// From this many nodes the cluster page draws a heatmap unless the URL asks for the grid. Compact rows (from 64)
    /// still show each node's cores and memory; at 200 they run to some nine screens, where a square per node serves better.
    /// </summary>
    public const int DefaultHeatmapFrom = 200;

    /// <summary>Largest <see cref="HeatmapFromVariable"/> accepted: far beyond any cluster psstd is built for.</summary>
    public const int MaxHeatmapFrom = 1_000_000;

    public static ListenAddress DefaultHttp { get; } = new("", 8080);

    /// <summary>
    /// How long one request to the agent may take. Short, because the page polls every two seconds
    /// and a hung agent must turn into a message on the page rather than a hung page.
    /// </summary>
    public static TimeSpan DefaultAgentTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Not read from the environment: tests shorten it to provoke timeouts quickly.</summary>
    public TimeSpan AgentTimeout { get; init; } = DefaultAgentTimeout;

    /// <summary>
    /// The URL this dashboard registers with its agent (<c>PSSTD_ADVERTISE_HTTP</c>, else derived from
    /// <c>PSSTD_HTTP</c> and the host the agent advertises for gossip); empty with <c>PSSTD_WEB=false</c>, which
    /// means nothing registers.
    /// </summary>
    public string AdvertisedUrl { get; init; } = "";

    /// <summary>This machine's name: a <c>Host</c> header the dashboard always answers.</summary>
    public string HostName { get; init; } = "";

    /// <summary>Where the operator says dashboards live (<c>PSSTD_DASHBOARD_HOSTS</c>).</summary>
    public DashboardHosts Hosts { get; init; } = DashboardHosts.None;

    /// <summary>Who may read the dashboard; open by default.</summary>
    public AccessSettings Access { get; init; } = AccessSettings.Open;

    /// <summary>How often the registration is renewed; the lease asked for is three times this.</summary>
    public TimeSpan RegistrationInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The whole cluster's gauges also go over OTLP: an OTLP endpoint is set and <c>PSSTD_OTLP_CLUSTER</c> is not
    /// off. Every dashboard exports every node, so in a large cluster turn it off on all but one or two.
    /// </summary>
    public bool OtlpCluster { get; init; }

    /// <summary>
    /// The node count (forgotten nodes aside) from which the cluster page is a heatmap by default
    /// (<c>PSSTD_HEATMAP_FROM</c>, default <see cref="DefaultHeatmapFrom"/>); 0: only when the URL asks (<c>view=heatmap</c>).
    /// </summary>
    public int HeatmapFrom { get; init; } = DefaultHeatmapFrom;

    /// <summary>Reads and validates every setting; throws once, naming each bad variable, value and rule.</summary>
    /// <exception cref="StartupConfigurationException">Any value breaks its rule.</exception>
    public static DashboardSettings FromEnvironment(IReadOnlyDictionary<string, string> env)
    {
        var hostName = System.Net.Dns.GetHostName();
        return FromEnvironment(env, hostName, HostAddress.Primary(hostName));
    }

    /// <inheritdoc cref="FromEnvironment(IReadOnlyDictionary{string, string})"/>
    /// <param name="hostName">This machine's name.</param>
    /// <param name="advertiseHost">
    /// The host of the derived URL: by default the address the agent advertises for gossip, so peers find this
    /// dashboard on the host they already gossip with (see <see cref="HostAddress.Primary"/>); the host name when null.
    /// </param>
    public static DashboardSettings FromEnvironment(IReadOnlyDictionary<string, string> env, string hostName, string? advertiseHost = null)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var reader = new SettingsReader(env);
        var socket = reader.SocketPath(SocketVariable, DefaultPaths.Socket(env));
        var http = reader.Listen(HttpVariable, DefaultHttp);
        var web = reader.Flag(WebVariable, true);
        var advertised = reader.HttpUrl(AdvertiseHttpVariable);
        var settings = new DashboardSettings(socket, http)
        {
            AdvertisedUrl = !web ? "" : advertised.Length > 0 ? advertised : Derived(http, advertiseHost ?? hostName),
            HostName = hostName,
            Hosts = DashboardHosts.Read(reader),
            Access = AccessSettings.Read(reader),
            HeatmapFrom = ReadHeatmapFrom(reader),
            OtlpCluster = reader.Flag(OtlpClusterVariable, true) && !string.IsNullOrWhiteSpace(reader.Raw(OpenTelemetryExtensions.EndpointVariable)),
        };
        reader.ThrowIfInvalid();
        return settings;
    }

    private static int ReadHeatmapFrom(SettingsReader reader)
    {
        var raw = reader.Raw(HeatmapFromVariable);
        if (raw is null)
        {
            return DefaultHeatmapFrom;
        }

        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > MaxHeatmapFrom)
        {
            reader.Fail(HeatmapFromVariable, raw, $"must be a whole number from 0 (never by itself) to {MaxHeatmapFrom}");
            return DefaultHeatmapFrom;
        }

        return value;
    }

    private static string Derived(ListenAddress http, string hostName)
    {
        var host = http.IsAnyHost ? hostName : http.Host;
        return host.Contains(':', StringComparison.Ordinal) ? $"http://[{host}]:{http.Port}/" : $"http://{host}:{http.Port}/";
    }
}
