using System.Net;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

/// <summary>Messages and advertisements the discovery tests share.</summary>
internal static class DnsSamples
{
    public static readonly Guid NodeId = Guid.Parse("4b576482-8e2d-484f-87db-a93654711eb3");
    public static readonly IPAddress V4 = IPAddress.Parse("10.213.7.2");
    public static readonly IPAddress V6 = IPAddress.Parse("fe80::8b4:58ff:fe91:b57d");

    public static ServiceAdvertisement Advertisement(string instance = "node-1", string cluster = "psstd", Guid? id = null, ushort port = 7947) =>
        new(instance, ServiceAdvertisement.HostLabelFor(instance), port, ServiceAdvertisement.TxtFor(id ?? NodeId, cluster, 1, "0.1.0", "http://10.213.7.2:8080/"));

    /// <summary>An announcement as a peer sends it: PTR, SRV, TXT and the host's addresses.</summary>
    public static DnsMessage Announcement(ServiceAdvertisement advertisement, params IPAddress[] addresses) =>
        DnsMessage.Response(advertisement.Records(addresses.Length == 0 ? [V4] : addresses));

    public static DnsMessage Goodbye(ServiceAdvertisement advertisement, params IPAddress[] addresses) =>
        DnsMessage.Response(advertisement.Records(addresses.Length == 0 ? [V4] : addresses, ttl: 0));

    public static byte[] Bytes(DnsMessage message) => DnsMessageWriter.ToBytes(message) ?? throw new InvalidOperationException("sample does not encode");

    public static DnsMessage Decode(byte[] bytes)
    {
        Assert.Equal(DnsDecodeError.None, DnsMessageReader.TryRead(bytes, out var message));
        return message!;
    }
}
