using Psstd.ServiceDefaults.Configuration;

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

    public static ListenAddress DefaultHttp { get; } = new("", 8080);

    /// <summary>
    /// How long one request to the agent may take. Short, because the page polls every two seconds
    /// and a hung agent must turn into a message on the page rather than a hung page.
    /// </summary>
    public static TimeSpan DefaultAgentTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Not read from the environment: tests shorten it to provoke timeouts quickly.</summary>
    public TimeSpan AgentTimeout { get; init; } = DefaultAgentTimeout;

    /// <summary>Reads and validates every setting; throws once, naming each bad variable, value and rule.</summary>
    /// <exception cref="StartupConfigurationException">Any value breaks its rule.</exception>
    public static DashboardSettings FromEnvironment(IReadOnlyDictionary<string, string> env)
    {
        var reader = new SettingsReader(env);
        var settings = new DashboardSettings(
            reader.SocketPath(SocketVariable, DefaultPaths.Socket(env)),
            reader.Listen(HttpVariable, DefaultHttp));
        reader.ThrowIfInvalid();
        return settings;
    }
}
