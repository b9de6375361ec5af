using System.Diagnostics;
using System.Text;

namespace Psstd.Tests.Support;

/// <summary>Runs <c>dotnet exec DLL</c> to its end with a given environment; kills it if it outlives the timeout.</summary>
public static class ProcessRun
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> DotnetAsync(string dll, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = Start(dll, environment);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} still ran after {timeout.TotalSeconds:0}s; output: {stdout}{stderr}");
        }

        process.WaitForExit(); // drains the output events
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static Process Start(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }
}
