using System.Diagnostics.CodeAnalysis;

namespace Psstd.Dashboard.AgentClient;

/// <summary>The outcome of one request to the local agent: a value, or why there is none.</summary>
/// <param name="Value">Set exactly when <paramref name="Outcome"/> is <see cref="AgentOutcome.Ok"/>.</param>
/// <param name="Detail">Why it failed, in words fit for an operator; empty on success.</param>
public sealed record AgentResult<T>(AgentOutcome Outcome, T? Value, string Detail)
    where T : class
{
    /// <summary>The agent's HTTP status when it answered at all (404: it does not know the node); null otherwise.</summary>
    public int? StatusCode { get; init; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == AgentOutcome.Ok && Value is not null;
}
