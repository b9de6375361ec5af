using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>Issue item 6 on the real executable: an agent without a key on an address other hosts reach warns at start and says so in its snapshot.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class UnkeyedAgentProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task UnkeyedAgentOnEveryInterface_WarnsAtStart_AndItsSnapshotSaysGossipIsNotAuthenticated()
    {
        var socket = _dir.File("agent.sock");
        using var agent = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, new Dictionary<string, string>
        {
            ["PSSTD_DB"] = _dir.File("state"),
            ["PSSTD_SOCKET"] = socket,
            ["PSSTD_GOSSIP"] = $":{TestPorts.Next()}", // every interface; no seeds and no mDNS, so nothing is sent anywhere
            ["PSSTD_MDNS"] = "false",
        });

        await agent.WaitForOutputAsync(line => line.Contains("Gossip is not authenticated", StringComparison.Ordinal), Timeout);
        var snapshot = await AgentSnapshots.ReadAsync(socket, Timeout);

        Assert.True(snapshot.GossipUnauthenticated);
    }

    public void Dispose() => _dir.Dispose();
}
