using System.Net;

namespace Psstd.Gossip.Engine;

/// <summary>
/// How many answers one peer may have from this node: <see cref="PerSecond"/> a second, bursts of
/// <see cref="Burst"/>, so no single peer (even a validated one) spends the whole send budget on itself.
/// Bounded to <see cref="MaxPeers"/> peers; past it the bucket of the peer answered longest ago is dropped.
/// </summary>
internal sealed class AnswerRate(TimeProvider time)
{
    public const double PerSecond = 4;
    public const double Burst = 16;
    public const int MaxPeers = 4096;

    private readonly Dictionary<IPEndPoint, (double Tokens, long At)> _buckets = [];

    /// <summary>Takes one answer from <paramref name="peer"/>'s bucket; false when it is empty.</summary>
    public bool TryTake(IPEndPoint peer)
    {
        var now = time.GetTimestamp();
        var tokens = Burst;
        if (_buckets.TryGetValue(peer, out var bucket))
        {
            tokens = Math.Min(Burst, bucket.Tokens + (time.GetElapsedTime(bucket.At, now).TotalSeconds * PerSecond));
        }
        else if (_buckets.Count >= MaxPeers)
        {
            _buckets.Remove(_buckets.MinBy(b => b.Value.At).Key);
        }

        if (tokens < 1)
        {
            _buckets[peer] = (tokens, now);
            return false;
        }

        _buckets[peer] = (tokens - 1, now);
        return true;
    }
}
