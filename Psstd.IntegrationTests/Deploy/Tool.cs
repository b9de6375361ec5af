using System.Diagnostics;
using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>
/// Runs a real command-line tool (shellcheck, xmllint, systemd-analyze, ...) to its end. A tool that
/// is not installed fails the test with the apt package <c>.ci/run</c> installs, never a silent pass.
/// </summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result ShouldSucceed(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Output}");
            return this;
        }
    }

    public static async Task<Result> RunAsync(
        string program,
        string aptPackage,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var path = Find(program) ?? throw new Xunit.Sdk.XunitException(
            $"'{program}' is not installed: install the Debian package '{aptPackage}' (.ci/run does: apt-get install -y {aptPackage})");

        var info = new ProcessStartInfo(path) { WorkingDirectory = workingDirectory ?? RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        using var process = CapturedProcess.Start(info);
        await process.WaitForExitAsync(timeout);
        return new Result(process.ExitCode, process.Output);
    }

    private static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        return searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }
}
