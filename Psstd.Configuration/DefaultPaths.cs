namespace Psstd.Configuration;

/// <summary>
/// Where the agent keeps its state and both processes meet on the socket when nothing is configured:
/// fixed per user, so an agent and a dashboard started by the same user find each other with no setting.
/// </summary>
public static class DefaultPaths
{
    public static string StateDirectory(IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "psstd", "state");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "psstd");
        }

        return env.TryGetValue("XDG_STATE_HOME", out var xdg) && Path.IsPathFullyQualified(xdg)
            ? Path.Combine(xdg, "psstd")
            : Path.Combine(home, ".local", "state", "psstd");
    }

    public static string Socket(IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (OperatingSystem.IsWindows())
        {
            // %ProgramData%, not the user's profile: an agent running as a service and a dashboard or CLI
            // run by a person share no profile, but both see ProgramData.
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "psstd", "agent.sock");
        }

        // XDG_RUNTIME_DIR is per user, private and cleaned at logout: the right home for a socket.
        return env.TryGetValue("XDG_RUNTIME_DIR", out var runtime) && Path.IsPathFullyQualified(runtime)
            ? Path.Combine(runtime, "psstd", "agent.sock")
            : Path.Combine(Path.GetTempPath(), $"psstd-{Environment.UserName}", "agent.sock");
    }
}
