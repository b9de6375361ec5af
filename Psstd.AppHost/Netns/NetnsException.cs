namespace Psstd.AppHost.Netns;

/// <summary>An <c>ip</c> or <c>tc</c> command failed; the message names the command and what it printed.</summary>
public sealed class NetnsException : Exception
{
    public NetnsException()
    {
    }

    public NetnsException(string message)
        : base(message)
    {
    }

    public NetnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
