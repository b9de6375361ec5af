using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Diagnostics;
using Psstd.ServiceDefaults.Configuration;

namespace Psstd.Dashboard.AgentClient;

/// <summary>
/// Typed <see cref="HttpClient"/> over the agent's Unix socket (the handler comes from
/// <see cref="AgentSocketHandler"/>); turns every way the agent can fail into an <see cref="AgentOutcome"/>.
/// </summary>
public sealed class AgentClient(
    HttpClient http,
    DashboardSettings settings,
    AgentReachability reachability,
    ILogger<AgentClient> logger) : IAgentClient
{
    /// <summary>Enough to quote an error page without flooding the banner or the log.</summary>
    private const int MaxQuotedBodyChars = 200;

    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken) =>
        SendAsync(LocalApiRoutes.Cluster, ReadClusterAsync, cancellationToken);

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) =>
        SendAsync(LocalApiRoutes.Health, (content, ct) => content.ReadAsStringAsync(ct)!, cancellationToken);

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken) =>
        SendAsync(
            DashboardRegistrationRoutes.Dashboard,
            (content, ct) => content.ReadAsStringAsync(ct)!,
            cancellationToken,
            () => new HttpRequestMessage(HttpMethod.Put, DashboardRegistrationRoutes.Dashboard)
            {
                Content = JsonContent.Create(registration, RegistrationJsonContext.Default.DashboardRegistration),
            });

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken) =>
        SendAsync(
            DashboardRegistrationRoutes.Dashboard,
            (content, ct) => content.ReadAsStringAsync(ct)!,
            cancellationToken,
            () => new HttpRequestMessage(HttpMethod.Delete, DashboardRegistrationRoutes.Dashboard));

    private async Task<AgentResult<T>> SendAsync<T>(
        string route,
        Func<HttpContent, CancellationToken, Task<T?>> read,
        CancellationToken cancellationToken,
        Func<HttpRequestMessage>? request = null)
        where T : class
    {
        try
        {
            using var message = request?.Invoke() ?? new HttpRequestMessage(HttpMethod.Get, route);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var detail = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {route}{Quote(body)}";
                if (reachability.Changed(route, AgentOutcome.AnsweredWithError))
                {
                    DashboardLog.AgentAnsweredWithError(logger, settings.SocketPath, detail);
                }

                return new AgentResult<T>(AgentOutcome.AnsweredWithError, null, detail);
            }

            var value = await read(response.Content, cancellationToken);
            if (value is null)
            {
                return BadResponse<T>(route, new JsonException("the body is empty or null"));
            }

            if (reachability.Changed(route, AgentOutcome.Ok))
            {
                DashboardLog.AgentReachable(logger, settings.SocketPath);
            }

            return new AgentResult<T>(AgentOutcome.Ok, value, "");
        }
        catch (HttpRequestException ex)
        {
            return Unreachable<T>(route, ReasonOf(ex, settings.SocketPath), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our caller did not cancel, so HttpClient's own timeout fired: the agent is hung or swamped.
            return Unreachable<T>(route, $"no answer within {DurationParser.Format(http.Timeout)}", ex);
        }
        catch (JsonException ex)
        {
            return BadResponse<T>(route, ex);
        }
    }

    private static async Task<ClusterSnapshot?> ReadClusterAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var snapshot = await content.ReadFromJsonAsync(LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);

        // The generated reader leaves absent members null whatever the annotations say; an agent of
        // another version could send such a body, and it must not reach the views as a null.
        if (snapshot is not null
            && (snapshot.Nodes is null || snapshot.Nodes.Any(n => n is null || n.Name is null || n.Metrics is null)))
        {
            throw new JsonException("the cluster snapshot lacks its nodes, or a node lacks its name or metrics");
        }

        return snapshot;
    }

    private AgentResult<T> Unreachable<T>(string route, string reason, Exception ex)
        where T : class
    {
        if (reachability.Changed(route, AgentOutcome.Unreachable))
        {
            DashboardLog.AgentUnreachable(logger, settings.SocketPath, reason, ex);
        }
        else
        {
            DashboardLog.AgentStillUnreachable(logger, settings.SocketPath, reason, ex);
        }

        return new AgentResult<T>(AgentOutcome.Unreachable, null, reason);
    }

    private AgentResult<T> BadResponse<T>(string route, JsonException ex)
        where T : class
    {
        var detail = $"unreadable answer from {route}: {ex.Message}";
        if (reachability.Changed(route, AgentOutcome.BadResponse))
        {
            DashboardLog.AgentBadResponse(logger, settings.SocketPath, route, ex);
        }

        return new AgentResult<T>(AgentOutcome.BadResponse, null, detail);
    }

    /// <summary>
    /// The socket error says what happened ("Connection refused"); HttpClient's wrapper adds only noise.
    /// A missing socket file surfaces as "Cannot assign requested address", which helps nobody: say it plainly.
    /// </summary>
    private static string ReasonOf(HttpRequestException ex, string socketPath)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return File.Exists(socketPath) ? socket.Message : "no socket file at that path";
            }
        }

        return ex.Message;
    }

    private static string Quote(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0)
        {
            return "";
        }

        return text.Length <= MaxQuotedBodyChars ? $": {text}" : $": {text[..MaxQuotedBodyChars]}…";
    }
}
