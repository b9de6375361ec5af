using System.Diagnostics;
using Psstd.AppHost.Model;
using Psstd.AppHost.Resources;

namespace Psstd.Tests.Support.Harness;

/// <summary>
/// One running agent or dashboard. Its output lines are copied to <paramref name="output"/> with the
/// process label in front, and kept (the last lines) so a failing test can print them.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly Action<string> _output;

    private ChildProcess(ProcessSpec spec, Process process, Action<string> output)
    {
        Spec = spec;
        _process = process;
        _output = output;
    }

    public ProcessSpec Spec { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(ProcessSpec spec, Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (command, arguments) = ChildLaunch.CommandLine(spec);
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(spec.Program)!,
        };
        // In a namespace, ip execs the program there: same pid, so stopping and the parent watch work unchanged.
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        // Children must not inherit the AppHost's own launch settings for ASP.NET.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(spec, process, output);
        process.OutputDataReceived += (_, e) => child.Line(e.Data);
        process.ErrorDataReceived += (_, e) => child.Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines this process printed, oldest first.</summary>
    public IReadOnlyList<string> RecentOutput()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), then kills it when <paramref name="grace"/> runs out.</summary>
    public async Task StopAsync(TimeSpan grace, TimeProvider time)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || !PosixSignals.Terminate(_process.Id))
        {
            Kill();
            return;
        }

        using var timeout = new CancellationTokenSource(grace, time);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Kills at once, as a crash or <c>kill -9</c> would.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recent)
        {
            if (_recent.Count == KeptLines)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(line);
        }

        _output($"[{Spec.Label}] {line}");
    }
}
