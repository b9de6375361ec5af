namespace Psstd.Agent.Forgetting;

internal static partial class ForgettingLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Forgot {Name} ({Id}, generation {Generation}): offline for more than {Reap}")]
    public static partial void Reaped(ILogger logger, string name, Guid id, long generation, TimeSpan reap);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Operator forget of \"{Node}\": {Outcome}: {Message}")]
    public static partial void OperatorForget(ILogger logger, string node, ForgetOutcome outcome, string message);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Let go of node {Id}: its tombstone has done its work")]
    public static partial void TombstoneDone(ILogger logger, Guid id);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Let go of node {Id}, gone longest, to keep room under the cap of {MaxNodes} nodes (PSSTD_MAX_NODES)")]
    public static partial void MadeRoom(ILogger logger, Guid id, int maxNodes);
}
