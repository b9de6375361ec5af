using System.Buffers.Binary;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The first step of anti-entropy: a fixed-size summary of the nodes a peer vouches for, as
/// <see cref="Buckets"/> buckets over the id space, each a count and an order-independent hash of
/// (id, generation, left) of its nodes. Two peers compare summaries and exchange digests of the
/// differing buckets only, so a round costs the same few hundred bytes at 10 or 10,000 nodes while
/// membership agrees.
/// </summary>
/// <remarks>
/// The sequence number is left out on purpose: it changes every second everywhere, so a hash over it
/// would differ in every bucket on every round and the summary would buy nothing. Keeping sequences
/// fresh is the relay's job; anti-entropy repairs membership: a node missing or held offline, a new
/// generation, a leave. The hash is a sum of 64-bit mixes truncated to 32 bits: independent of order,
/// and an entry is added or removed in O(1). Pure; nothing here throws on any input.
/// </remarks>
internal sealed class SyncSummary
{
    public const int Buckets = 64;

    /// <summary>Bound on a bucket's count as read from a peer (a hostile count allocates nothing, but stays sane).</summary>
    public const int MaxCount = 1 << 24;

    private readonly int[] _counts = new int[Buckets];
    private readonly uint[] _hashes = new uint[Buckets];

    public int Count(int bucket) => _counts[bucket];

    public uint Hash(int bucket) => _hashes[bucket];

    /// <summary>Nodes summarised, all buckets together.</summary>
    public long Total => _counts.Sum(c => (long)c);

    public void Clear()
    {
        Array.Clear(_counts);
        Array.Clear(_hashes);
    }

    public void Add(RecordHeader header) => Add(Bucket(header.Id), Fingerprint(header.Id, header.Generation, header.Left));

    /// <summary>Adds a node whose <see cref="Bucket"/> and <see cref="Fingerprint"/> the caller worked out already.</summary>
    public void Add(int bucket, uint fingerprint)
    {
        _counts[bucket]++;
        _hashes[bucket] += fingerprint;
    }

    /// <summary>The buckets, as a bit mask, where this summary and <paramref name="other"/> disagree.</summary>
    public ulong Differing(SyncSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ulong mask = 0;
        for (var b = 0; b < Buckets; b++)
        {
            if (_counts[b] != other._counts[b] || _hashes[b] != other._hashes[b])
            {
                mask |= 1UL << b;
            }
        }

        return mask;
    }

    /// <summary>The bucket of a node id: well spread whatever the ids look like (random UUIDs or counters).</summary>
    public static int Bucket(Guid id)
    {
        var (low, high) = Halves(id);
        return (int)(Mix(low ^ Mix(high)) >> 58);
    }

    public static uint Fingerprint(Guid id, long generation, bool left)
    {
        var (low, high) = Halves(id);
        return (uint)Mix(low ^ Mix(high ^ Mix(((ulong)generation << 1) | (left ? 1UL : 0))));
    }

    internal void Write(ref SpanWriter w)
    {
        Span<byte> hash = stackalloc byte[4];
        for (var b = 0; b < Buckets; b++)
        {
            w.VarUInt((ulong)_counts[b]);
            BinaryPrimitives.WriteUInt32LittleEndian(hash, _hashes[b]);
            w.Bytes(hash);
        }
    }

    /// <summary>Reads into this summary; on malformed input the reader is marked failed.</summary>
    internal void Read(ref SpanReader r)
    {
        for (var b = 0; b < Buckets; b++)
        {
            _counts[b] = (int)r.VarLong(MaxCount);
            var hash = r.Bytes(4);
            _hashes[b] = r.Failed ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(hash);
        }
    }

    private static (ulong Low, ulong High) Halves(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary>The splitmix64 finaliser: stable across processes and platforms (unlike <see cref="HashCode"/>).</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }
}
