using System.Collections.Concurrent;

namespace Psstd.Dashboard.AgentClient;

/// <summary>
/// Remembers how the last request to each agent route ended, so a down agent is logged loudly once when
/// it goes away and once when it is back, not on every poll of every open page. Per route, because an
/// agent that serves the cluster but reports itself unhealthy would otherwise flip the state on every poll.
/// </summary>
public sealed class AgentReachability
{
    private readonly ConcurrentDictionary<string, AgentOutcome> _last = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="outcome"/> for <paramref name="route"/>; true when it differs from the one before (initially Ok).</summary>
    public bool Changed(string route, AgentOutcome outcome)
    {
        var previous = AgentOutcome.Ok;
        _last.AddOrUpdate(route, outcome, (_, old) =>
        {
            previous = old;
            return outcome;
        });
        return previous != outcome;
    }
}
