using Psstd.ClusterView;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Trust;

/// <summary>Issue rows 10 and 11: what a peer writes into its record is made safe when it is decoded.</summary>
public sealed class PeerTextTests
{
    private static NodeRecord RoundTrip(NodeRecord record) => RecordCodec.Read(RecordCodec.ToBytes(record)) ?? throw new InvalidOperationException("refused");

    [Fact]
    public void ControlCharacters_InNameVersionAndAddress_AreRemovedOnDecode()
    {
        var record = RecordSamples.Record() with
        {
            Name = "web\u001b]0;pwned\u0007-1\r\u001b[2J",
            AgentVersion = "0.2.0\u009b31m\u202Egnp.exe",
            GossipAddress = "10.0.0.1:7947\n",
        };

        var read = RoundTrip(record);

        Assert.Equal("web]0;pwned-1[2J", read.Name);
        Assert.Equal("0.2.031mgnp.exe", read.AgentVersion);
        Assert.Equal("10.0.0.1:7947", read.GossipAddress);
        Assert.DoesNotContain(read.Name + read.AgentVersion + read.GossipAddress, PrintableText.IsUnsafe);
    }

    [Theory]
    [InlineData("\u001b\u0007")]
    [InlineData("\u202E \u2066")]
    public void NameWithNothingVisible_IsRefused(string name)
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record() with { Name = name });

        Assert.Null(RecordCodec.Read(bytes));
        Assert.False(RecordCodec.IsValid(bytes));
    }

    [Theory]
    [InlineData("http://a.example/x\r\nSet-Cookie: a=b", "")]
    [InlineData("http://user:secret@a.example/", "")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("file:///etc/passwd", "")]
    [InlineData("//a.example/", "")]
    [InlineData("http://a.example/ x", "")]
    [InlineData("http://bücher.example/ä?psstd_node=a", "http://xn--bcher-kva.example/%C3%A4?psstd_node=a")]
    [InlineData("https://psstd.example.com/?psstd_node=node-a", "https://psstd.example.com/?psstd_node=node-a")]
    [InlineData("http://localhost:8081/", "http://localhost:8081/")]
    public void DashboardUrl_IsNormalised_OrDropped(string advertised, string expected)
    {
        var read = RoundTrip(RecordSamples.Record() with { DashboardUrl = advertised });

        Assert.Equal(expected, read.DashboardUrl);
    }
}
