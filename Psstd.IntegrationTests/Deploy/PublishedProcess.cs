using System.Diagnostics;
using System.Globalization;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>An executable from a release archive, started directly (no <c>dotnet</c>), its output kept for failure messages.</summary>
internal sealed class PublishedProcess : IDisposable
{
    private readonly CapturedProcess _process;

    private PublishedProcess(string name, CapturedProcess process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string Output => _process.Output;

    public static PublishedProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(executable) { WorkingDirectory = Path.GetDirectoryName(executable)! };

        // A test host killed mid-run must not leave these behind: they stop when their parent is gone.
        info.Environment["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        info.Environment.Remove("NOTIFY_SOCKET");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var name = Path.GetFileName(executable);
        return new PublishedProcess(name, CapturedProcess.Start(info, name));
    }

    /// <summary>Asks the process to stop as a service manager does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Assert.True(PosixSignals.Terminate(Id), $"SIGTERM to {Name} ({Id}) was not delivered");
        await _process.WaitForExitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Stops this process by its own id and waits for it; safe to call when it already exited.</summary>
    public void Dispose() => _process.Dispose();
}
