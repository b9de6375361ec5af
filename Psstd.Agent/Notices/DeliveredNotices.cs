using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Psstd.Agent.Notices;

/// <summary>
/// The alert notifications this agent's webhook accepted lately, as four-byte hashes of key and state, which this
/// node's record carries: an agent about to take over an alert, or to send a notice another agent may already
/// have sent, skips it when a peer's record shows it delivered. Only a delivery the receiver accepted is listed,
/// so skipping never loses a notice that was merely queued. The newest <see cref="MaxListed"/>, for at most
/// <see cref="KeptFor"/>. Thread-safe: the webhook adds, the heartbeat reads.
/// </summary>
internal sealed class DeliveredNotices(TimeProvider time)
{
    /// <summary>Hashes one record carries at most.</summary>
    public const int MaxListed = Psstd.Gossip.Wire.NodeRecord.MaxDeliveredNotices;

    /// <summary>Longer than any takeover takes: a notifier's death is noticed within seconds.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Queue<(uint Hash, long At)> _recent = new();

    /// <summary>The hash every agent computes alike for a notice: the first four bytes of SHA-256 of "key/state".</summary>
    public static uint Hash(string key, string state)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(state);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{key}/{state}"), digest);
        return BinaryPrimitives.ReadUInt32LittleEndian(digest);
    }

    public void Add(string key, string state)
    {
        lock (_lock)
        {
            _recent.Enqueue((Hash(key, state), time.GetTimestamp()));
            while (_recent.Count > MaxListed)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>The hashes to carry now, oldest first.</summary>
    public IReadOnlyList<uint> Current()
    {
        lock (_lock)
        {
            while (_recent.Count > 0 && time.GetElapsedTime(_recent.Peek().At) > KeptFor)
            {
                _recent.Dequeue();
            }

            return _recent.Count == 0 ? [] : [.. _recent.Select(r => r.Hash)];
        }
    }
}
