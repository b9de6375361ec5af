using System.Diagnostics;
using System.Text;
using Psstd.AppHost.Model;

namespace Psstd.Tests.Support;

/// <summary>
/// A process a test starts: its output kept (for assertions and failure messages), its standard input
/// closed, and killed with its children on dispose, whatever the test saw. The one way tests run
/// processes, from <c>dotnet exec</c> of our own builds to shellcheck.
/// </summary>
public sealed class CapturedProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _label;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _combined = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private CapturedProcess(Process process, string label)
    {
        _process = process;
        _label = label;
        process.OutputDataReceived += (_, e) => Line(e.Data, _stdout);
        process.ErrorDataReceived += (_, e) => Line(e.Data, _stderr);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput => Read(_stdout);

    public string StandardError => Read(_stderr);

    /// <summary>Both streams interleaved as they arrived, each line prefixed with the label when there is one.</summary>
    public string Output => Read(_combined);

    /// <param name="label">Prefix of each line in <see cref="Output"/>; empty for none.</param>
    /// <param name="keepInput">Keep standard input open for <see cref="WriteInputLineAsync"/>; closed otherwise.</param>
    public static CapturedProcess Start(ProcessStartInfo info, string label = "", bool keepInput = false)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        if (!keepInput)
        {
            process.StandardInput.Close();
        }

        return new CapturedProcess(process, label);
    }

    /// <summary>
    /// Starts one of our builds (<c>dotnet exec</c> of an assembly, or a native executable such as the AOT agent:
    /// <see cref="ChildBinaries.CommandFor"/>) with ARGS and the given variables added to this environment.
    /// </summary>
    public static CapturedProcess StartProgram(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(ProgramInfo(program, environment, arguments), Path.GetFileNameWithoutExtension(program));

    /// <summary>As <see cref="StartProgram"/>, with standard input left open for <see cref="WriteInputLineAsync"/>.</summary>
    public static CapturedProcess StartProgramWithInput(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(ProgramInfo(program, environment, arguments), Path.GetFileNameWithoutExtension(program), keepInput: true);

    /// <summary>Writes one line to the standard input of a process started with input kept open.</summary>
    public async Task WriteInputLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The start info of one of our builds: <see cref="ChildBinaries.CommandFor"/>, then ARGS.</summary>
    public static ProcessStartInfo ProgramInfo(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (fileName, prefix) = ChildBinaries.CommandFor(program);
        var info = new ProcessStartInfo(fileName);
        foreach (var argument in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs one of our builds (<see cref="StartProgram"/>) to its end; the returned process has exited.</summary>
    public static async Task<CapturedProcess> RunProgramAsync(string program, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var process = StartProgram(program, environment, arguments);
        try
        {
            await process.WaitForExitAsync(timeout);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the process to end; past the timeout it is killed and a <see cref="TimeoutException"/> carries its output.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} still ran after {timeout.TotalSeconds:0}s:{Environment.NewLine}{Output}");
        }

        _process.WaitForExit(); // drains the output events
    }

    /// <summary>Waits until a line of output matches; fails with the output when the process ends first or time runs out.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_combined)
        {
            if (_combined.ToString().Split('\n').Any(line => match(line.TrimEnd('\r'))))
            {
                return;
            }

            _waiters.Add((match, seen));
        }

        var ended = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, ended).WaitAsync(timeout, TimeProvider.System).ConfigureAwait(false);
        if (first != seen.Task)
        {
            throw new InvalidOperationException($"{Name} exited with {ExitCode} before the awaited output:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
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
    }

    /// <summary>SIGKILL to this process alone, as a crash would: its children are left to notice by themselves.</summary>
    public void KillAlone() => _process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private string Name => _label.Length > 0 ? _label : _process.StartInfo.FileName;

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private void Line(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (stream)
        {
            stream.AppendLine(line);
        }

        List<TaskCompletionSource> matched = [];
        lock (_combined)
        {
            _combined.Append(_label.Length > 0 ? $"[{_label}] " : "").AppendLine(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
            {
                _waiters.Remove(waiter);
                matched.Add(waiter.Seen);
            }
        }

        matched.ForEach(m => m.TrySetResult());
    }
}
