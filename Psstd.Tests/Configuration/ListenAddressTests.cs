using System.Net;
using Psstd.Configuration;

namespace Psstd.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":8080", "", 8080)]
    [InlineData("127.0.0.1:7947", "127.0.0.1", 7947)]
    [InlineData("[::1]:7947", "::1", 7947)]
    [InlineData("node-a.lan:7947", "node-a.lan", 7947)]
    public void Valid_Parses(string text, string host, int port) =>
        Assert.Equal(new ListenAddress(host, port), ListenAddress.TryParse(text));

    [Theory]
    [InlineData("8080")]
    [InlineData(":0")]
    [InlineData(":65536")]
    [InlineData("::1:80")]
    [InlineData("[::1:80")]
    [InlineData("[10.0.0.1]:80")]
    [InlineData("a b:80")]
    [InlineData("host:")]
    [InlineData("host:+80")]
    public void Invalid_IsNull(string text) => Assert.Null(ListenAddress.TryParse(text));

    [Fact]
    public void AnyHost_BindsEveryInterface()
    {
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 80), new ListenAddress("", 80).ToBindEndPoint());
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 80), new ListenAddress("127.0.0.1", 80).ToBindEndPoint());
        Assert.Null(new ListenAddress("node-a", 80).ToBindEndPoint());
    }

    [Fact]
    public void ToString_BracketsIPv6() => Assert.Equal("[::1]:80", new ListenAddress("::1", 80).ToString());
}
