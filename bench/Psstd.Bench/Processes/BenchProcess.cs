using System.Diagnostics;
using System.Globalization;
using Psstd.AppHost.Model;

namespace Psstd.Bench.Processes;

/// <summary>
/// A process a bench started (an agent or dashboard build through <c>dotnet exec</c>, or another program such as
/// Serf), killed by its pid on dispose, its output kept for when something fails.
/// </summary>
internal sealed class BenchProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public BenchProcess(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>
    /// One of our builds (<c>dotnet exec</c> of an assembly, or a native executable such as the AOT agent), told
    /// to stop with the bench (<c>PSSTD_PARENT_PID</c>) and to log warnings only.
    /// </summary>
    public static BenchProcess Dotnet(string program, IReadOnlyDictionary<string, string> environment)
    {
        var (fileName, arguments) = ChildBinaries.CommandFor(program);
        var info = new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return new BenchProcess(info);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time used so far (user plus system), from /proc (Linux).</summary>
    public TimeSpan CpuTime()
    {
        // /proc/PID/stat: the command may hold spaces, so fields are counted after its closing parenthesis;
        // utime and stime are the 14th and 15th fields, in clock ticks (100 a second on Linux).
        var stat = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Sends a signal by name (<c>TERM</c>, <c>INT</c>, <c>KILL</c>) to this process alone.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Resident set size now, from /proc (Linux), in MiB.</summary>
    public double RssMib()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(40));
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
