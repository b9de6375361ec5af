using System.Net;

namespace Psstd.Agent.Gossip.Engine;

/// <summary>Where the engine's packets go: a UDP socket in the agent, an in-memory network in the simulator.</summary>
public interface IGossipTransport
{
    /// <summary>Sends one datagram; best effort, never throws for a network problem.</summary>
    void Send(IPEndPoint target, ReadOnlySpan<byte> packet);
}
