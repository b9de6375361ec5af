using System.Net;
using Psstd.Gossip.Cluster;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Who the engine sends to: random live peers (seeds stand in while few are known), every live peer for
/// the messages that must reach all, and, now and then, the addresses to try again so a healed partition
/// merges without a restart.
/// </summary>
internal sealed class PeerPicker(EngineContext context)
{
    /// <summary>Draws per wanted peer: a state can hold many offline or address-less nodes.</summary>
    private const int DrawsPerPeer = 8;

    private long _lastReconnect = long.MinValue;

    /// <summary>Seed addresses, resolved by the caller (DNS re-resolution lives outside the engine).</summary>
    public IReadOnlyList<IPEndPoint> Seeds { get; set; } = [];

    /// <summary>Up to <paramref name="count"/> distinct live peers, none of <paramref name="exclude"/>.</summary>
    public List<IPEndPoint> Pick(int count, List<IPEndPoint>? exclude = null)
    {
        var targets = new List<IPEndPoint>(Math.Max(0, count));
        bool Usable(IPEndPoint endPoint) => !targets.Contains(endPoint) && exclude?.Contains(endPoint) != true;
        for (var attempt = 0; attempt < count * DrawsPerPeer && targets.Count < count; attempt++)
        {
            if (context.Cluster.PickRandom(context.Random) is ({ Address.EndPoint: { } endPoint } version, var health)
                && version.Id != context.SelfId && NodeHealthJudge.IsLive(health) && Usable(endPoint))
            {
                targets.Add(endPoint);
            }
        }

        var seeds = Seeds;
        for (var i = 0; targets.Count < count && i < seeds.Count; i++)
        {
            var seed = seeds[context.Random.Next(seeds.Count)];
            if (Usable(seed))
            {
                targets.Add(seed);
            }
        }

        return targets;
    }

    /// <summary>The gossip address of every peer judged live now, in the state's order.</summary>
    public IEnumerable<IPEndPoint> Live()
    {
        foreach (var entry in context.Cluster.Entries())
        {
            if (entry is { GossipEndPoint: { } endPoint } && entry.Id != context.SelfId && NodeHealthJudge.IsLive(NodeHealthJudge.Judge(entry, context.Time)))
            {
                yield return endPoint;
            }
        }
    }

    /// <summary>Every <see cref="GossipOptions.ReconnectEvery"/>: all seeds and one peer believed offline; otherwise none.</summary>
    public List<IPEndPoint> ReconnectDue(long now)
    {
        if (_lastReconnect != long.MinValue && context.Time.GetElapsedTime(_lastReconnect, now) < context.Options.ReconnectEvery)
        {
            return [];
        }

        _lastReconnect = now;
        var targets = new List<IPEndPoint>(Seeds);
        for (var attempt = 0; attempt < DrawsPerPeer; attempt++)
        {
            if (context.Cluster.PickRandom(context.Random) is ({ Address.EndPoint: { } endPoint } version, var health)
                && version.Id != context.SelfId && !NodeHealthJudge.IsLive(health) && !version.Header.Forgotten)
            {
                targets.Add(endPoint);
                break;
            }
        }

        return targets;
    }
}
