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
    /// </summary>
    /// <param name="connected">
    /// Called, on any thread, with the bytes handed to the stream once a connection to the target is made:
    /// the send budget is charged then, so a stream the target refuses costs nothing. Never called for a
    /// stream that does not connect.
    /// </param>
    void SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected)
    {
    }
}
