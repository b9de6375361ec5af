namespace Psstd.Agent.Forgetting;

internal static partial class ForgettingLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Forgot {Name} ({Id}, generation {Generation}): offline for more than {Reap}")]
    public static partial void Reaped(ILogger logger, string name, Guid id, long generation, TimeSpan reap);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Operator forget of \"{Node}\": {Outcome}: {Message}")]
    public static partial void OperatorForget(ILogger logger, string node, ForgetOutcome outcome, string message);
}
