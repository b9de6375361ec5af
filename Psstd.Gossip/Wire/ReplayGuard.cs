using System.Security.Cryptography;

namespace Psstd.Gossip.Wire;

/// <summary>
/// What one receiver remembers of the senders whose sealed packets it opened: per sender (the random salt a
/// process seals under), the subkeys derived for it and a <see cref="ReplayWindow"/>. Only packets that
/// opened add a sender, so a stranger without the key cannot grow it; past <see cref="MaxSenders"/> the
/// sender heard from longest ago is dropped (an old capture of it would open once more, as a version
/// older than what is held). Not thread-safe: one per engine, used under its lock.
/// </summary>
internal sealed class ReplayGuard
{
    public const int MaxSenders = 4096;

    private readonly Dictionary<Salt, Sender> _senders = [];
    private long _uses;

    /// <summary>The state of the sender that seals under <paramref name="salt"/>, or null when none is held.</summary>
    public Sender? Find(ReadOnlySpan<byte> salt) =>
        _senders.TryGetValue(new Salt(salt), out var sender) ? sender : null;

    /// <summary>Holds a sender whose packet just opened under <paramref name="keys"/>.</summary>
    public Sender Add(ReadOnlySpan<byte> salt, AesGcm[] keys)
    {
        if (_senders.Count >= MaxSenders)
        {
            var oldest = _senders.MinBy(s => s.Value.LastUse);
            _senders.Remove(oldest.Key);
            foreach (var key in oldest.Value.Keys)
            {
                key.Dispose();
            }
        }

        var sender = new Sender(keys);
        _senders[new Salt(salt)] = sender;
        return sender;
    }

    /// <summary>Marks a use now, for the least-recently-used bound.</summary>
    public void Touch(Sender sender) => sender.LastUse = ++_uses;

    /// <summary>One sender process: its subkeys (one per cluster key) and the counters seen.</summary>
    internal sealed class Sender(AesGcm[] keys)
    {
        public AesGcm[] Keys { get; } = keys;

        public ReplayWindow Window { get; } = new();

        public long LastUse { get; set; }
    }

    /// <summary>A 16-byte salt as a dictionary key.</summary>
    private readonly record struct Salt(ulong High, ulong Low)
    {
        public Salt(ReadOnlySpan<byte> bytes)
            : this(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..16]))
        {
        }
    }
}
