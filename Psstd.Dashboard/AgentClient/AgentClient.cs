using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Psstd.Contracts;
using Psstd.ClusterView;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Diagnostics;
using Psstd.Configuration;

namespace Psstd.Dashboard.AgentClient;

/// <summary>
/// Typed <see cref="HttpClient"/> over the agent's Unix socket (the handler comes from
/// <see cref="LocalApiSocket"/>); turns every way the agent can fail into an <see cref="AgentOutcome"/>.
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
        SendAsync(LocalApiRoutes.Cluster, Get(LocalApiRoutes.Cluster), ReadClusterAsync, cancellationToken);

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) =>
        SendAsync(LocalApiRoutes.Health, Get(LocalApiRoutes.Health), ReadTextAsync, cancellationToken);

    public Task<AgentResult<NodeHistory>> GetHistoryAsync(
        string node, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution, CancellationToken cancellationToken) =>
        SendAsync(
            LocalApiRoutes.NodeHistory,
            Get(AgentQueries.History(node, since, until, resolution, format: null)),
            ReadHistoryAsync,
            cancellationToken);

    public Task<AgentResult<ClusterEventList>> GetEventsAsync(string? node, int limit, CancellationToken cancellationToken) =>
        SendAsync(LocalApiRoutes.Events, Get(AgentQueries.Events(node, limit)), ReadEventsAsync, cancellationToken);

    public Task<AgentResult<AgentExport>> OpenHistoryExportAsync(
        string node, DateTimeOffset since, DateTimeOffset until, HistoryExportFormat format, CancellationToken cancellationToken) =>
        SendAsync(
            LocalApiRoutes.NodeHistory,
            Get(AgentQueries.History(node, since, until, resolution: null, format)),
            async (response, ct) => new AgentExport(response, await response.Content.ReadAsStreamAsync(ct)),
            cancellationToken);

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken) =>
        SendAsync(
            DashboardRegistrationRoutes.Dashboard,
            () => new HttpRequestMessage(HttpMethod.Put, DashboardRegistrationRoutes.Dashboard)
            {
                Content = JsonContent.Create(registration, RegistrationJsonContext.Default.DashboardRegistration),
            },
            ReadTextAsync,
            cancellationToken);

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken) =>
        SendAsync(
            DashboardRegistrationRoutes.Dashboard,
            () => new HttpRequestMessage(HttpMethod.Delete, DashboardRegistrationRoutes.Dashboard),
            ReadTextAsync,
            cancellationToken);

    private static Func<HttpRequestMessage> Get(string pathAndQuery) => () => new HttpRequestMessage(HttpMethod.Get, pathAndQuery);

    /// <param name="route">The route template: names the request in messages and keys <see cref="AgentReachability"/>.</param>
    /// <param name="read">
    /// Turns a successful answer into the value. A value that is <see cref="IDisposable"/> takes over the response
    /// (a streamed export); any other leaves it to be disposed here.
    /// </param>
    private async Task<AgentResult<T>> SendAsync<T>(
        string route,
        Func<HttpRequestMessage> request,
        Func<HttpResponseMessage, CancellationToken, Task<T?>> read,
        CancellationToken cancellationToken)
        where T : class
    {
        HttpResponseMessage? response = null;
        T? value = null;
        try
        {
            using var message = request();
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var detail = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {route}{Quote(body)}";
                if (reachability.Changed(route, AgentOutcome.AnsweredWithError))
                {
                    DashboardLog.AgentAnsweredWithError(logger, settings.SocketPath, detail);
                }

                return new AgentResult<T>(AgentOutcome.AnsweredWithError, null, detail) { StatusCode = (int)response.StatusCode };
            }

            value = await read(response, cancellationToken);
            if (value is null)
            {
                return BadResponse<T>(route, new JsonException("the body is empty or null"));
            }

            if (reachability.Changed(route, AgentOutcome.Ok))
            {
                DashboardLog.AgentReachable(logger, settings.SocketPath);
            }

            return new AgentResult<T>(AgentOutcome.Ok, value, "") { StatusCode = (int)response.StatusCode };
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
        finally
        {
            if (value is not IDisposable)
            {
                response?.Dispose();
            }
        }
    }

    private static async Task<string?> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadAsStringAsync(cancellationToken);

    private static async Task<NodeHistory?> ReadHistoryAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var history = await response.Content.ReadFromJsonAsync(LocalApiJsonContext.Default.NodeHistory, cancellationToken);
        if (history is not null && (history.Points is null || history.Name is null || history.Points.Any(p => p is null)))
        {
            throw new JsonException("the history lacks its points or its name");
        }

        return history;
    }

    private static async Task<ClusterEventList?> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var events = await response.Content.ReadFromJsonAsync(LocalApiJsonContext.Default.ClusterEventList, cancellationToken);
        if (events is not null && (events.Events is null || events.Events.Any(e => e is null || e.NodeName is null || e.Detail is null)))
        {
            throw new JsonException("the event list lacks its events, or an event lacks its node name or detail");
        }

        return events;
    }

    private static async Task<ClusterSnapshot?> ReadClusterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var snapshot = await response.Content.ReadFromJsonAsync(LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);

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
            DashboardLog.AgentUnreachable(logger, settings.SocketPath, reason);
            DashboardLog.AgentUnreachableDetail(logger, settings.SocketPath, reason, ex);
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
            if (inner is UntrustedAgentException untrusted)
            {
                return untrusted.Message;
            }

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
