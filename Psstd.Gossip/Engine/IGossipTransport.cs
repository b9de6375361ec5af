using System.Net;

namespace Psstd.Gossip.Engine;

/// <summary>Where the engine's packets go: a UDP socket in the agent, an in-memory network in the simulator.</summary>
public interface IGossipTransport
{
    /// <summary>Sends one datagram; best effort, never throws for a network problem.</summary>
    void Send(IPEndPoint target, ReadOnlySpan<byte> packet);

    /// <summary>
    /// Sends packets too large for a datagram over one stream (TCP to the target's gossip port), in order;
    /// best effort, never blocks the caller, never throws. The packets are the caller's to give away.
    /// A transport without streams drops them.
    /// </summary>
    void SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets)
    {
    }
}
