namespace Psstd.Contracts;

/// <summary>
/// A silence running in the cluster: notifications of alerts whose rule matches <see cref="Rule"/> and whose node
/// matches <see cref="Node"/> (patterns with '*'; empty: any) are held until it ends. Set on one agent
/// (<c>psstd-agent silence</c>) and carried by that node's record, so every agent knows it.
/// </summary>
/// <param name="RemainingSeconds">Time left, as this agent estimates it from when it took the origin's record.</param>
/// <param name="OriginId">The node whose agent set it.</param>
/// <param name="Honoured">
/// False for a silence that came from a peer of a cluster whose gossip is not authenticated: anyone on the network could
/// have forged it, so it is shown but holds nothing back. Own silences are always honoured.
/// </param>
public sealed record AlertSilence(Guid Id, string Rule, string Node, double RemainingSeconds, string Comment, Guid OriginId, string OriginName, bool Honoured);
