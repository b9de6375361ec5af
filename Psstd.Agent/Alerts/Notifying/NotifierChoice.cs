using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Psstd.Agent.Alerts.Notifying;

/// <summary>
/// Which agent sends an alert's notifications, decided by every agent alone from what all of them know:
/// rendezvous (highest random weight) hashing of the alert over the candidate agents. Agents that agree on
/// the candidates agree on the notifier, so exactly one of them sends; when the notifier leaves the
/// candidates only its alerts move, each to the next-highest candidate, and nothing else changes hands.
/// </summary>
internal static class NotifierChoice
{
    /// <summary>The candidate that notifies for <paramref name="rule"/> about <paramref name="subject"/>; null without candidates.</summary>
    /// <remarks>The alert is named by rule and node, not by its key, so the same agent sends its firing and its resolution.</remarks>
    public static Guid? Choose(string rule, Guid subject, IEnumerable<Guid> candidates)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(candidates);
        var seed = Seed(rule, subject);
        Guid? best = null;
        var bestScore = 0UL;
        foreach (var candidate in candidates)
        {
            var score = Score(seed, candidate);
            if (best is null || score > bestScore || (score == bestScore && candidate.CompareTo(best.Value) > 0))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>A 64-bit digest of the alert's name: the same on every machine and process (no per-process hash seed).</summary>
    private static ulong Seed(string rule, Guid subject)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(Math.Min(rule.Length, 256))];
        subject.TryWriteBytes(input);
        var length = 16 + Encoding.UTF8.GetBytes(rule.AsSpan(0, Math.Min(rule.Length, 256)), input[16..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..length], digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    /// <summary>The candidate's weight for this alert: a well-mixed function of both, so every candidate is equally likely to win.</summary>
    private static ulong Score(ulong seed, Guid candidate)
    {
        Span<byte> bytes = stackalloc byte[16];
        candidate.TryWriteBytes(bytes);
        var low = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var high = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        return Mix(Mix(seed ^ low) ^ high);
    }

    /// <summary>SplitMix64's finaliser: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
