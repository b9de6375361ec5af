using System.Net.Http.Json;
using Psstd.Contracts;

namespace Psstd.Agent.Terminal;

/// <summary>The cluster as a running agent serves it on its socket.</summary>
internal sealed class SocketSnapshotSource(HttpClient client, string description) : ISnapshotSource
{
    public string Description => description;

    public async Task<ClusterSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
