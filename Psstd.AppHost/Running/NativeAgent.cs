using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Psstd.AppHost.Running;

/// <summary>
/// The NativeAOT agent that <c>--netns</c> runs, as the release archive and the systemd install do: published
/// beside the agent's JIT build (<c>Psstd.Agent/bin/Debug/net10.0/native/psstd-agent</c>) when it is missing or
/// older than that build, with the same <c>dotnet publish</c> a user runs. Publishing needs clang and zlib's headers; without
/// them the cluster runs the JIT build and says why.
/// </summary>
public static class NativeAgent
{
    /// <summary>Where the native agent of <paramref name="jitBuild"/> is published; <c>test.sh</c> publishes to it before the tests.</summary>
    public static string PathFor(string jitBuild) => Path.Combine(Path.GetDirectoryName(jitBuild)!, "native", "psstd-agent");

    /// <summary>
    /// The native agent, published first when <paramref name="jitBuild"/> is newer; null (after one line on
    /// <paramref name="log"/>) when it cannot be published here.
    /// </summary>
    public static string? PublishedOrNull(string agentProject, string jitBuild, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var native = PathFor(jitBuild);
        if (File.Exists(native) && File.GetLastWriteTimeUtc(native) >= File.GetLastWriteTimeUtc(jitBuild))
        {
            return native;
        }

        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        log.WriteLine($"psstd AppHost: publishing the NativeAOT agent ({rid}) to {Path.GetDirectoryName(native)} (a minute or two the first time)");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A parent run by `dotnet run` or `dotnet test` exports MSBuild's own locations: the nested publish finds its SDK afresh.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var argument in new[] { "publish", agentProject, "-c", "Release", "-r", rid, "-o", Path.GetDirectoryName(native)!, "--nologo", "-v", "quiet", "--disable-build-servers" })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        publish.WaitForExit();
        if (publish.ExitCode == 0 && File.Exists(native))
        {
            // An up-to-date publish copies nothing: mark the executable as current for the JIT build it matches.
            File.SetLastWriteTimeUtc(native, File.GetLastWriteTimeUtc(jitBuild));
            return native;
        }

        var reason = (output.Result + errors.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"dotnet publish exited with {publish.ExitCode}";
        log.WriteLine($"psstd AppHost: the NativeAOT agent could not be published ({reason}); the agents run the JIT build. NativeAOT needs clang and zlib1g-dev (docs/local-cluster.md)");
        return null;
    }
}
