using Microsoft.Extensions.Diagnostics.HealthChecks;
using Psstd.ClusterView;
using Psstd.Contracts;

namespace Psstd.AppHost.Resources;

/// <summary>
/// An agent is healthy when its Unix socket answers <c>/healthz</c> with 200: Aspire has no endpoint type
/// for a socket path, so the check goes there itself.
/// </summary>
public sealed class AgentSocketHealthCheck(string socketPath) : IHealthCheck
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(socketPath))
        {
            return HealthCheckResult.Unhealthy($"no socket at {socketPath} yet");
        }

        using var client = LocalApiSocket.CreateClient(socketPath, RequestTimeout);
        try
        {
            using var response = await client.GetAsync(new Uri(LocalApiRoutes.Health.TrimStart('/'), UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{socketPath} answers")
                : HealthCheckResult.Unhealthy($"{socketPath} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{socketPath} does not answer: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{socketPath} did not answer within {RequestTimeout.TotalSeconds:0}s");
        }
    }
}
