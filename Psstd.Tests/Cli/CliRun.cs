using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Cli;

namespace Psstd.Tests.Cli;

/// <summary>Runs <c>psstd-agent ARGS</c> in this process, with captured output and a fixed clock.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(string socketPath, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, new Dictionary<string, string> { ["PSSTD_SOCKET"] = socketPath }, new FakeTimeProvider(Now), OutputRedirected: true, Width: 100);
        var code = await AgentCommandLine.InvokeAsync(AgentCommandLine.Create(console), console, args);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
