namespace Psstd.AppHost.Reporting;

/// <summary>The cluster did not come up; the message is the line the AppHost printed about it.</summary>
public sealed class ClusterStartException : Exception
{
    public ClusterStartException()
    {
    }

    public ClusterStartException(string message)
        : base(message)
    {
    }

    public ClusterStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
