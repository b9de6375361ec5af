using Microsoft.Extensions.Logging;

namespace Psstd.Dashboard.Diagnostics;

/// <summary>
/// The dashboard's log events, ids 2000-2099. Agent failures are logged when the outcome changes, so an
/// agent that stays down costs one warning, not one per poll of every open page.
/// </summary>
internal static partial class DashboardLog
{
    /// <summary>
    /// One line, no stack trace: the reason is the socket's own error ("Connection refused", "no socket
    /// file at that path"), which is all there is to say when an agent stops before its dashboard.
    /// The exception goes to <see cref="AgentUnreachableDetail"/> at Debug.
    /// </summary>
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Agent not reachable at {SocketPath}: {Reason}")]
    public static partial void AgentUnreachable(ILogger logger, string socketPath, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Agent not reachable at {SocketPath}: {Reason}")]
    public static partial void AgentUnreachableDetail(ILogger logger, string socketPath, string reason, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Agent still not reachable at {SocketPath}: {Reason}")]
    public static partial void AgentStillUnreachable(ILogger logger, string socketPath, string reason, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Agent reachable at {SocketPath}")]
    public static partial void AgentReachable(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Agent at {SocketPath} answered with an error: {Detail}")]
    public static partial void AgentAnsweredWithError(ILogger logger, string socketPath, string detail);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Agent at {SocketPath} sent an unreadable answer to {Route}")]
    public static partial void AgentBadResponse(ILogger logger, string socketPath, string route, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Busy at score {Score}: handing a browser off to {Target} (hop {Hops})")]
    public static partial void HandingOff(ILogger logger, string score, string target, int hops);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Registered {Url} with the agent")]
    public static partial void Registered(ILogger logger, string url);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Could not register {Url} with the agent: {Detail}")]
    public static partial void RegistrationFailed(ILogger logger, string url, string detail);
}
