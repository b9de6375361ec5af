using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The cluster's keys (<c>PSSTD_KEY</c>): the first seals, every one opens, so a key is rotated without
/// downtime by installing it second everywhere, then first, then removing the old one.
/// </summary>
/// <remarks>
/// <para>Wire versions 2 and 3 seal alike, with AES-256-GCM under a subkey of its own per process: HKDF-SHA256 of the
/// cluster key and a random 16-byte salt chosen at start and carried in every packet, so processes sharing
/// the cluster key never share a subkey, and the 12-byte nonce (a 64-bit counter, also carried) cannot
/// repeat under one. Receivers keep a <see cref="ReplayWindow"/> of each sender's counters.</para>
/// <para>Version 1 (a counter under the cluster key itself, no replay window) is no longer spoken.</para>
/// <para>Thread-safe: sealing and opening may run on different loops.</para>
/// </remarks>
public sealed class GossipKeyring : IDisposable
{
    public const int KeyBytes = 32;
    public const int TagBytes = 16;
    public const int SaltBytes = 16;
    public const int CounterBytes = 8;

    /// <summary>What sealing adds to a packet: the salt and counter in the header, the tag after the body.</summary>
    public const int Overhead = SaltBytes + CounterBytes + TagBytes;

    private static readonly byte[] SubkeyInfo = Encoding.ASCII.GetBytes("psstd gossip v2 subkey");

    private readonly byte[][] _keys;
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(SaltBytes);
    private readonly AesGcm _sealer;
    private readonly Lock _lock = new();
    private ulong _counter;

    public GossipKeyring(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        _keys = [.. keys.Select(k => k.Length == KeyBytes ? (byte[])k.Clone() : throw new ArgumentException("keys are 32 bytes", nameof(keys)))];
        _sealer = new AesGcm(Subkey(_keys[0], _salt), TagBytes);
    }

    /// <summary>This process's salt, carried in the header of every packet it seals.</summary>
    internal ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The next counter: never 0, never repeated by this keyring.</summary>
    internal ulong NextCounter()
    {
        lock (_lock)
        {
            return ++_counter;
        }
    }

    /// <summary>Seals <paramref name="plaintext"/> under this process's subkey into <paramref name="destination"/> (ciphertext, tag).</summary>
    /// <returns>Bytes written, or 0 when <paramref name="destination"/> is too small.</returns>
    internal int Seal(ulong counter, ReadOnlySpan<byte> associated, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (destination.Length < plaintext.Length + TagBytes)
        {
            return 0;
        }

        Span<byte> nonce = stackalloc byte[12];
        Nonce(counter, nonce);
        lock (_lock)
        {
            _sealer.Encrypt(nonce, plaintext, destination[..plaintext.Length], destination.Slice(plaintext.Length, TagBytes), associated);
        }

        return plaintext.Length + TagBytes;
    }

    /// <summary>One subkey per cluster key for a sender's salt, in key order (the caller owns them).</summary>
    internal AesGcm[] SubkeysFor(ReadOnlySpan<byte> salt)
    {
        var subkeys = new AesGcm[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            subkeys[i] = new AesGcm(Subkey(_keys[i], salt), TagBytes);
        }

        return subkeys;
    }

    /// <summary>Opens a sealed part (ciphertext, tag) with any of <paramref name="subkeys"/>; the plaintext length, or -1.</summary>
    internal static int Open(AesGcm[] subkeys, ulong counter, ReadOnlySpan<byte> associated, ReadOnlySpan<byte> sealedPart, Span<byte> plaintext)
    {
        var length = sealedPart.Length - TagBytes;
        if (length < 0 || plaintext.Length < length)
        {
            return -1;
        }

        Span<byte> nonce = stackalloc byte[12];
        Nonce(counter, nonce);
        foreach (var key in subkeys)
        {
            try
            {
                key.Decrypt(nonce, sealedPart[..length], sealedPart[length..], plaintext[..length], associated);
                return length;
            }
            catch (AuthenticationTagMismatchException)
            {
                // Try the next key: during a rotation peers seal with either.
            }
        }

        return -1;
    }

    public void Dispose()
    {
        _sealer.Dispose();
    }

    private static byte[] Subkey(byte[] key, ReadOnlySpan<byte> salt) => HKDF.DeriveKey(HashAlgorithmName.SHA256, key, KeyBytes, salt.ToArray(), SubkeyInfo);

    private static void Nonce(ulong counter, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], counter);
    }
}
