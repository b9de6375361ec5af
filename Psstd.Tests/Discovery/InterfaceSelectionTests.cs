using System.Net;
using Psstd.Agent.Discovery;

namespace Psstd.Tests.Discovery;

public sealed class InterfaceSelectionTests
{
    private static MdnsInterface Nic(string name, bool up = true, bool loopback = false, bool multicast = true, string? address = "10.0.0.2") =>
        new(name, name.Length, up, loopback, multicast, address is null ? [] : [IPAddress.Parse(address)]);

    private static readonly MdnsInterface[] Host =
    [
        Nic("lo", loopback: true, multicast: false, address: "127.0.0.1"),
        Nic("eth0"),
        Nic("eth1", up: false),
        Nic("tun0", multicast: false),
        Nic("docker0", address: "172.17.0.1"),
        Nic("veth1a2b"),
        Nic("cni0"),
        Nic("flannel.1"),
        Nic("wlan0", address: null),
        Nic("enp3s0", address: "fe80::1"),
    ];

    [Fact]
    public void ByDefault_OnlyUpMulticastLanInterfacesWithAnAddress_AreChosen()
    {
        var (chosen, skipped) = InterfaceSelection.Select(Host, []);

        Assert.Equal(["eth0", "enp3s0"], chosen.Select(i => i.Name));
        Assert.Equal(
            ["lo (loopback)", "eth1 (down)", "tun0 (no multicast)", "docker0 (container bridge)", "veth1a2b (container bridge)",
             "cni0 (container bridge)", "flannel.1 (container bridge)", "wlan0 (no address)"],
            skipped);
    }

    [Fact]
    public void NamedInterfaces_OverrideTheRules_ButMustBeUpAndExist()
    {
        var (chosen, skipped) = InterfaceSelection.Select(Host, ["docker0", "eth1", "eth9"]);

        Assert.Equal(["docker0"], chosen.Select(i => i.Name));
        Assert.Contains("eth1 (down)", skipped);
        Assert.Contains("eth9 (no such interface)", skipped);
    }
}
