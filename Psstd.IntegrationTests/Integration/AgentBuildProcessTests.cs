using Psstd.AppHost.Model;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// The agent says which build runs, JIT or NativeAOT: the first pass starts the assembly, the AOT pass of
/// <c>test.sh</c> the native executable (<see cref="ChildBinaries.AgentVariable"/>), and each must name its own.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class AgentBuildProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task StatusAndDoctor_NameTheBuildThatRuns()
    {
        var program = ChildBinaries.FromBuild().Agent;
        var expected = program.EndsWith(".dll", StringComparison.Ordinal) ? "JIT" : "NativeAOT";
        var socket = _dir.File("agent.sock");
        var environment = new Dictionary<string, string> { ["PSSTD_SOCKET"] = socket };
        using var agent = CapturedProcess.StartProgram(program, new Dictionary<string, string>(environment)
        {
            ["PSSTD_DB"] = _dir.File("state"),
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{TestPorts.Next()}",
            ["PSSTD_MDNS"] = "false",
        });
        await AgentSnapshots.ReadAsync(socket, Timeout);

        using var status = await CapturedProcess.RunProgramAsync(program, environment, Timeout, "status");
        using var doctor = await CapturedProcess.RunProgramAsync(program, environment, Timeout, "doctor");

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, doctor.ExitCode);
        Assert.Contains($" ({expected}), pid {agent.Id}", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($" ({expected}), cluster ", doctor.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
