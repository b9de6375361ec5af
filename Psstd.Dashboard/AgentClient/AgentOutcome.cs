namespace Psstd.Dashboard.AgentClient;

/// <summary>How one request to the local agent ended. Failures are values: the page renders every one of them.</summary>
public enum AgentOutcome
{
    /// <summary>The agent answered and the answer was understood.</summary>
    Ok,

    /// <summary>No answer: no socket, nobody listening, or no reply before the timeout.</summary>
    Unreachable,

    /// <summary>The agent answered with a non-success HTTP status.</summary>
    AnsweredWithError,

    /// <summary>The agent answered 200 with a body this dashboard cannot read (bad JSON, missing fields).</summary>
    BadResponse,
}
