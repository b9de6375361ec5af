namespace Psstd.AppHost.Reporting;

/// <summary>
/// How the cluster's start went, for whoever waits on it: the AppHost's exit code, and tests that run the
/// AppHost in their own process (where setting the process's exit code would be wrong).
/// </summary>
public sealed class ClusterStartup
{
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the ready table, or fails with the line that said why the cluster did not come up.</summary>
    public Task<string> Ready => _ready.Task;

    /// <summary>1 when the cluster did not come up, else 0.</summary>
    public int ExitCode => _ready.Task.IsFaulted ? 1 : 0;

    public void Succeeded(string table) => _ready.TrySetResult(table);

    public void Failed(string reason) => _ready.TrySetException(new ClusterStartException(reason));
}
