using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Psstd.Tests.Deploy;

/// <summary>An executable from a release archive, started directly (no <c>dotnet</c>), its output kept for failure messages.</summary>
internal sealed class PublishedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PublishedProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static PublishedProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };

        // A test host killed mid-run must not leave these behind: they stop when their parent is gone.
        info.Environment["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        info.Environment.Remove("NOTIFY_SOCKET");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new PublishedProcess(Path.GetFileName(executable), Process.Start(info)!);
    }

    /// <summary>Asks the process to stop as a service manager does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        // The shell's kill builtin: dash is always there, procps (/bin/kill) not in every image.
        var kill = await Tool.RunAsync("sh", "dash", ["-c", "kill -TERM \"$1\"", "sh", Id.ToString(CultureInfo.InvariantCulture)], timeout);
        kill.ShouldSucceed($"kill -TERM {Name}");
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>Stops this process by its own id and waits for it; safe to call when it already exited.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append('[').Append(Name).Append("] ").AppendLine(line);
        }
    }
}
