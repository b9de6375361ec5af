namespace Psstd.Agent.Gossip.Wire;

/// <summary>What a packet's body holds.</summary>
public enum MessageKind : byte
{
    /// <summary>One or more node records, each length-prefixed.</summary>
    Records = 1,

    /// <summary>Are you alive? Probe id, the target's node id, and where to answer (empty: the sender).</summary>
    Ping = 2,

    /// <summary>Alive: the probe id and the answering node's id.</summary>
    Ack = 3,

    /// <summary>Please ping this node for me (the indirect probe): probe id, target id, target address.</summary>
    PingRequest = 4,

    /// <summary>Send me what you hold: empty body; answered with Records within the send budget (a viewer's way in).</summary>
    Pull = 5,
}
