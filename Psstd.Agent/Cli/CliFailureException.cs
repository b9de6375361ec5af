namespace Psstd.Agent.Cli;

/// <summary>A command cannot do its job; the message is the one line the operator reads.</summary>
internal sealed class CliFailureException : Exception
{
    /// <summary>No agent answers on the socket.</summary>
    public const int NoAgentExitCode = 3;

    public CliFailureException(string message, int exitCode = 1)
        : base(message) => ExitCode = exitCode;

    public CliFailureException()
        : this("failed")
    {
    }

    public CliFailureException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = 1;

    public int ExitCode { get; }
}
