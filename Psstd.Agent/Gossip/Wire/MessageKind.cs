namespace Psstd.Agent.Gossip.Wire;

/// <summary>What a packet's body holds.</summary>
public enum MessageKind : byte
{
    /// <summary>One or more node records, each length-prefixed.</summary>
    Records = 1,
}
