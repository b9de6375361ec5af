using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Instance;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Instance;

public sealed class InstanceLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void SecondClaim_IsRefusedWhileTheFirstHolds_AndGrantedAfter()
    {
        using (var first = InstanceLock.TryAcquire(_dir.Path))
        {
            Assert.NotNull(first);
            Assert.Null(InstanceLock.TryAcquire(_dir.Path));
        }

        using var again = InstanceLock.TryAcquire(_dir.Path);
        Assert.NotNull(again);
    }

    [Fact]
    public void OwnerFile_RoundTrips_AndAMissingOneIsNull()
    {
        var owner = new InstanceOwner(42, "alpha", "127.0.0.1:7947", "10.0.0.1:7947", "/run/psstd/agent.sock", new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));

        Assert.Null(InstanceOwner.Read(_dir.Path));
        owner.Write(_dir.Path);

        Assert.Equal(owner, InstanceOwner.Read(_dir.Path));
        File.WriteAllText(_dir.File(InstanceOwner.FileName), "{not json");
        Assert.Null(InstanceOwner.Read(_dir.Path));
    }

    [Fact]
    public void PortHolder_NamesThisProcessForAUdpPortItHolds()
    {
        using var holder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.Client.LocalEndPoint!).Port;

        var described = PortHolder.Describe(port, "UDP");

        Assert.NotNull(described);
        Assert.StartsWith($"pid {Environment.ProcessId} (", described, StringComparison.Ordinal);
    }

    [Fact]
    public void PortHolder_TcpCountsOnlyListeners_AndAFreePortHasNone()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            Assert.StartsWith($"pid {Environment.ProcessId} (", PortHolder.Describe(port, "TCP"), StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }

        Assert.Null(PortHolder.Describe(port, "TCP"));
    }

    [Fact]
    public void PortInUse_NamesPortVariableAndHolder()
    {
        var error = ConfigurationError.PortInUse("PSSTD_GOSSIP", new ListenAddress("127.0.0.1", 7947), "UDP", "pid 7 (nc)");

        Assert.Equal("PSSTD_GOSSIP=\"127.0.0.1:7947\" is invalid: must be a free UDP port: 7947 is already in use by another program (pid 7 (nc)); choose another port with PSSTD_GOSSIP", error.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
