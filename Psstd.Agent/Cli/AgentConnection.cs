using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Agent.Cli;

/// <summary>
/// The running agent's local API as the commands use it. Every failure becomes a <see cref="CliFailureException"/>
/// with one line: no agent on the socket, an agent too old to serve a route (404), or an error answer.
/// </summary>
internal sealed class AgentConnection(string socketPath) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client = LocalApiSocket.CreateClient(socketPath, Timeout);

    public string SocketPath => socketPath;

    public HttpClient Client => _client;

    /// <summary>GETs and reads JSON; a 404 means this agent does not serve <paramref name="path"/>.</summary>
    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotServed(path);
        }

        await EnsureSuccessAsync(response, path, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new CliFailureException($"the agent on {socketPath} answered GET {path} with an empty body");
        }
        catch (JsonException ex)
        {
            throw new CliFailureException($"the agent on {socketPath} answered GET {path} with JSON this version cannot read ({ex.Message})");
        }
    }

    /// <summary>Sends and returns the answer, whatever its status; only a missing agent fails here.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is UntrustedAgentException untrusted)
        {
            throw new CliFailureException(untrusted.Message, CliFailureException.NoAgentExitCode);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw NoAgent(socketPath);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailureException($"the agent on {socketPath} did not answer {request.Method} {request.RequestUri} within {Timeout.TotalSeconds:0}s", CliFailureException.NoAgentExitCode);
        }
    }

    public static CliFailureException NoAgent(string socketPath) =>
        new($"no agent answers on {socketPath}: start one with `psstd-agent`, or point at it with --socket or PSSTD_SOCKET", CliFailureException.NoAgentExitCode);

    public CliFailureException NotServed(string path) =>
        new($"the agent on {socketPath} does not serve {path} (404): it is an older version; upgrade it");

    public async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim().ReplaceLineEndings(" ");
        throw new CliFailureException($"the agent on {socketPath} answered {what} with {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length == 0 ? "" : ": " + (body.Length > 200 ? body[..200] : body))}");
    }

    public void Dispose() => _client.Dispose();
}
