namespace Psstd.Dashboard.AgentClient;

/// <summary>
/// A history export as the agent streams it: the dashboard copies <see cref="Body"/> to the browser without
/// holding it all in memory. Owns the agent's response until disposed.
/// </summary>
public sealed class AgentExport(IDisposable owner, Stream body) : IDisposable
{
    public Stream Body { get; } = body;

    public void Dispose()
    {
        Body.Dispose();
        owner.Dispose();
    }
}
