using System.Net;
using System.Threading.Channels;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Dashboard.Api;

/// <summary>
/// One agent poll shared by every stream client: it runs while anyone listens, asks the agent every
/// <see cref="PollInterval"/> and hands each client the latest answer (a slow client skips to the newest
/// rather than queueing them). Clients are capped by <see cref="StreamLimits"/>.
/// </summary>
public sealed class ClusterPoll(IAgentClient agent, TimeProvider time, StreamLimits limits) : IDisposable
{
    /// <summary>How often the agent is asked; the agent itself samples every few seconds.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly List<Listener> _listeners = [];
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private CancellationTokenSource? _running;
    private AgentResult<ClusterSnapshot>? _latest;

    /// <summary>Listeners now, for tests and health.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>A new listener, or null when its address or the whole dashboard has as many as allowed.</summary>
    public Listener? TryListen(IPAddress? address)
    {
        var key = address ?? IPAddress.None;
        lock (_gate)
        {
            var fromAddress = _perAddress.GetValueOrDefault(key);
            if (_listeners.Count >= limits.Total || fromAddress >= limits.PerAddress)
            {
                return null;
            }

            var listener = new Listener(this, key);
            _listeners.Add(listener);
            _perAddress[key] = fromAddress + 1;
            if (_running is null)
            {
                _running = new CancellationTokenSource();
                _latest = null;
                _ = RunAsync(_running.Token);
            }
            else if (_latest is not null)
            {
                listener.Offer(_latest);
            }

            return listener;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
        }
    }

    private void Leave(Listener listener)
    {
        lock (_gate)
        {
            if (!_listeners.Remove(listener))
            {
                return;
            }

            if (--_perAddress[listener.Address] == 0)
            {
                _perAddress.Remove(listener.Address);
            }

            if (_listeners.Count == 0)
            {
                _running?.Cancel();
                _running?.Dispose();
                _running = null;
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await agent.GetClusterAsync(cancellationToken);
                lock (_gate)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    _latest = result;
                    foreach (var listener in _listeners)
                    {
                        listener.Offer(result);
                    }
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last listener left.
        }
    }

    /// <summary>One stream client's view of the poll; dispose it when the client goes.</summary>
    public sealed class Listener : IDisposable
    {
        private readonly ClusterPoll _poll;
        private readonly Channel<AgentResult<ClusterSnapshot>> _answers =
            Channel.CreateBounded<AgentResult<ClusterSnapshot>>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

        internal Listener(ClusterPoll poll, IPAddress address)
        {
            _poll = poll;
            Address = address;
        }

        internal IPAddress Address { get; }

        /// <summary>The poll's answers, newest only when this client falls behind.</summary>
        public ChannelReader<AgentResult<ClusterSnapshot>> Answers => _answers.Reader;

        public void Dispose() => _poll.Leave(this);

        internal void Offer(AgentResult<ClusterSnapshot> result) => _answers.Writer.TryWrite(result);
    }
}
