using System.Net;
using System.Net.Sockets;
using Psstd.Dashboard.Hosting;
using Psstd.Configuration;

namespace Psstd.Tests.Dashboard;

public sealed class ListenPlanTests
{
    private static readonly Func<string, IPAddress[]> NoDns = host => throw new InvalidOperationException($"unexpected lookup of {host}");

    [Fact]
    public void EmptyHost_ListensOnEveryInterface()
    {
        var plan = ListenPlan.For(ListenAddress.TryParse(":8080")!, NoDns);

        Assert.Equal(ListenPlanKind.AnyAddress, plan.Kind);
        Assert.Equal(8080, plan.Port);
    }

    [Theory]
    [InlineData("127.0.0.1:18080", "127.0.0.1")]
    [InlineData("[::1]:18080", "::1")]
    [InlineData("0.0.0.0:18080", "0.0.0.0")]
    public void IpLiteral_ListensOnThatAddressOnly(string text, string ip)
    {
        var plan = ListenPlan.For(ListenAddress.TryParse(text)!, NoDns);

        Assert.Equal(ListenPlanKind.Addresses, plan.Kind);
        Assert.Equal([IPAddress.Parse(ip)], plan.Addresses);
    }

    [Fact]
    public void Localhost_UsesKestrelsLoopbackBinding()
    {
        Assert.Equal(ListenPlanKind.Localhost, ListenPlan.For(ListenAddress.TryParse("LocalHost:80")!, NoDns).Kind);
    }

    [Fact]
    public void DnsName_ListensOnWhatItResolvesTo()
    {
        var plan = ListenPlan.For(
            ListenAddress.TryParse("node-a.lan:8080")!,
            _ => [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5"), IPAddress.Parse("10.0.0.5")]);

        Assert.Equal(ListenPlanKind.Addresses, plan.Kind);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], plan.Addresses);
    }

    [Fact]
    public void UnresolvableName_FailsNamingTheVariableAndTheHost()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => ListenPlan.For(
            ListenAddress.TryParse("nowhere.invalid:8080")!,
            _ => throw new SocketException((int)SocketError.HostNotFound)));

        Assert.StartsWith("PSSTD_HTTP=\"nowhere.invalid:8080\" is invalid:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"nowhere.invalid\" did not resolve", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameWithoutAddresses_Fails()
    {
        Assert.Throws<StartupConfigurationException>(() => ListenPlan.For(ListenAddress.TryParse("empty.lan:80")!, _ => []));
    }
}
