using System.Diagnostics;

namespace Psstd.AppHost.Netns;

/// <summary>Runs iproute2's <c>ip</c> and <c>tc</c>, the only way this code changes the host's network.</summary>
public static class NetTools
{
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The full path of a tool on PATH or in the system directories; null when missing.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <c>ip ARGS</c>; its standard output, or a <see cref="NetnsException"/> with what it printed.</summary>
    public static string Ip(params string[] arguments) => Run("ip", arguments);

    /// <summary>Runs <c>tc ARGS</c>, as <see cref="Ip"/> does.</summary>
    public static string Tc(params string[] arguments) => Run("tc", arguments);

    /// <summary>Runs <c>ip ARGS</c> for cleanup: failure (e.g. already gone) is ignored.</summary>
    public static bool TryIp(params string[] arguments) => TryRun("ip", arguments);

    /// <summary>Runs <c>tc ARGS</c> for cleanup: failure (e.g. no qdisc to delete) is ignored.</summary>
    public static bool TryTc(params string[] arguments) => TryRun("tc", arguments);

    private static bool TryRun(string tool, string[] arguments)
    {
        try
        {
            Run(tool, arguments);
            return true;
        }
        catch (NetnsException)
        {
            return false;
        }
    }

    private static string Run(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(Find(tool) ?? throw new NetnsException($"`{tool}` is missing: install iproute2"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new NetnsException($"`{tool}` did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new NetnsException($"`{tool} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {error.GetAwaiter().GetResult().Trim()}");
    }
}
