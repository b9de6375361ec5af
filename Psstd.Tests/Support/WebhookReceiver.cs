using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Psstd.Tests.Support;

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedRequest(int Number, string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    /// <summary>A string field of a JSON object body (psstd's webhook body); empty when absent or not JSON.</summary>
    public string Field(string name)
    {
        try
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public override string ToString() => $"{Field("state")} {Field("rule")} {Field("node")} key {Field("key")} from {Field("sender")}";
}

/// <summary>
/// A real HTTP receiver: Kestrel on 127.0.0.1 with a port of the OS's choosing. Each request is recorded and signalled
/// on <see cref="Requests"/>, then answered as the test's script says for that request's number (1 for the first).
/// A script may also never answer: it then waits until the client gives up or the receiver stops.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<ReceivedRequest> _requests = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly ConcurrentQueue<ReceivedRequest> _all = new();
    private int _count;

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The URL to post to.</summary>
    public Uri Url { get; private set; } = null!;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Every request so far, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _all];

    /// <param name="answer">Given the request's number, writes the answer; <see cref="NeverAnswer"/> to hang; 200 for all when null.</param>
    /// <param name="clock">Stamps <see cref="ReceivedRequest.At"/>; the system clock when null.</param>
    /// <param name="listen">Where to listen: loopback on a free port unless a test's own network needs another address.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpResponse, CancellationToken, Task>? answer = null, TimeProvider? clock = null, IPEndPoint? listen = null)
    {
        answer ??= Always(200);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen ?? new IPEndPoint(IPAddress.Loopback, 0)));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var time = clock ?? TimeProvider.System;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var number = Interlocked.Increment(ref receiver._count);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedRequest(number, context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray(), time.GetUtcNow());
            receiver._all.Enqueue(received);
            receiver._requests.Writer.TryWrite(received);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, receiver._stopping.Token);
            try
            {
                await answer(number, context.Response, linked.Token);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                context.Abort();
            }
        });
        using var cts = new CancellationTokenSource(Patience);
        await app.StartAsync(cts.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks/T01/B02/secret?via=psstd");
        return receiver;
    }

    /// <summary>Every request answered with <paramref name="status"/>.</summary>
    public static Func<int, HttpResponse, CancellationToken, Task> Always(int status) => (_, response, _) =>
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    };

    /// <summary>Holds every request open until the client or the receiver gives up.</summary>
    public static Task NeverAnswer(int number, HttpResponse response, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);

    /// <summary>The next request, waited for at most <paramref name="timeout"/> (default <see cref="Patience"/>).</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            return await _requests.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"the receiver got no request {Count + 1} within {(timeout ?? Patience).TotalSeconds:0.##}s");
        }
    }

    /// <summary>Every request so far, once <paramref name="holds"/> is true of them (polled).</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WhenAsync(string what, TimeSpan timeout, Func<IReadOnlyList<ReceivedRequest>, bool> holds) =>
        Eventually.ReturnsAsync(what, timeout, _ => Task.FromResult(Received is var all && holds(all) ? all : null));

    /// <summary>A request that has already arrived, if any: for asserting nothing more came once the sender is done.</summary>
    public bool TryTake(out ReceivedRequest? request) => _requests.Reader.TryRead(out request);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var cts = new CancellationTokenSource(Patience);
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
