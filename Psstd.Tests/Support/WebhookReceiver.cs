using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Psstd.Tests.Support;

/// <summary>
/// A real HTTP server on loopback that takes alert webhooks: every POST to <see cref="Url"/> is kept with its
/// headers and body, and answered with the next status from <see cref="Answers"/> (200 when none is queued).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Where agents POST, e.g. <c>http://127.0.0.1:41234/hook</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Statuses to answer, in order; then 200.</summary>
    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    public IReadOnlyList<Delivery> Received => [.. _received];

    /// <param name="listen">Where to listen; loopback on a free port unless a test's own network needs another address.</param>
    public static async Task<WebhookReceiver> StartAsync(string listen = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._received.Enqueue(new Delivery(headers, body.RootElement.Clone()));
            return Results.StatusCode((int)(receiver.Answers.TryDequeue(out var status) ? status : HttpStatusCode.OK));
        });
        await app.StartAsync();
        receiver.Url = $"{app.Urls.Single()}/hook";
        return receiver;
    }

    /// <summary>The deliveries once <paramref name="holds"/> is true of them.</summary>
    public Task<IReadOnlyList<Delivery>> WhenAsync(string what, TimeSpan timeout, Func<IReadOnlyList<Delivery>, bool> holds) =>
        Eventually.ReturnsAsync(what, timeout, _ => Task.FromResult(Received is var all && holds(all) ? all : null));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One POST as it arrived.</summary>
    public sealed record Delivery(IReadOnlyDictionary<string, string> Headers, JsonElement Body)
    {
        /// <summary>A string field of a psstd-format body; empty when absent.</summary>
        public string Field(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

        public override string ToString() => $"{Field("state")} {Field("rule")} {Field("node")} key {Field("key")} from {Field("sender")}";
    }
}
