using System.Net;
using Psstd.Gossip.Engine;

namespace Psstd.Tests.Forgetting;

/// <summary>Keeps where every packet went, delivering none.</summary>
internal sealed class RecordingTransport : IGossipTransport
{
    public List<IPEndPoint> Targets { get; } = [];

    public void Send(IPEndPoint target, ReadOnlySpan<byte> packet) => Targets.Add(target);
}
