using System.Net;
using System.Text;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// A record's gossip address, parsed once: kept from version to version of a node while its bytes do
/// not change, so an agent parses it when a node joins or moves, not with every record.
/// </summary>
/// <param name="Text">The address as the record carries it.</param>
/// <param name="EndPoint">The address when it is an IP literal with a port; null for a DNS name.</param>
/// <param name="Utf8">The address as it travels, to tell cheaply whether a newer record changed it.</param>
public sealed record GossipAddress(string Text, IPEndPoint? EndPoint, byte[] Utf8)
{
    public static GossipAddress Parse(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var endPoint = IPEndPoint.TryParse(text, out var parsed) && parsed.Port != 0 ? parsed : null;
        return new GossipAddress(text, endPoint, utf8.ToArray());
    }
}
