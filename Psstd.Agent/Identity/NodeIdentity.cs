namespace Psstd.Agent.Identity;

/// <summary>Who this agent is across restarts: a stable id and the generation of this start.</summary>
/// <param name="Generation">One more than at the previous start, so peers replace every older record.</param>
internal sealed record NodeIdentity(Guid Id, long Generation);
