using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Configuration;

public sealed class HostAddressTests
{
    [Fact]
    public void Primary_IsANonLoopbackIPv4OfThisHost_OrTheFallbackWhenThereIsNone()
    {
        var ours = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString())
            .ToHashSet();

        var primary = HostAddress.Primary("fallback-name");

        if (ours.Count == 0)
        {
            Assert.Equal("fallback-name", primary);
        }
        else
        {
            Assert.Contains(primary, ours);
        }
    }

    [Fact]
    public void DefaultAdvertisedGossip_UsesTheAdvertiseHost_NotTheNodeName()
    {
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string>(), "host-a", "10.1.2.3");

        Assert.Equal("host-a", settings.NodeName);
        Assert.Equal("10.1.2.3:7947", settings.AdvertiseGossip);
    }
}
