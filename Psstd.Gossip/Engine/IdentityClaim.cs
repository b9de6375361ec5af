namespace Psstd.Gossip.Engine;

/// <summary>A version of this node that a peer named: this node's next record must outrank it.</summary>
public readonly record struct IdentityClaim(long Generation, long Sequence);
