using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The cluster's AES-256-GCM keys (<c>PSSTD_KEY</c>): the first seals, every one opens, so a key is
/// rotated without downtime by installing it second everywhere, then first, then removing the old one.
/// </summary>
/// <remarks>
/// Nonces are a random 4-byte prefix chosen at start and a 64-bit counter, so one agent never repeats
/// a nonce under a key. Thread-safe: sealing and opening may run on different loops.
/// </remarks>
public sealed class GossipKeyring : IDisposable
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>What sealing adds to a packet.</summary>
    public const int Overhead = NonceBytes + TagBytes;

    private readonly AesGcm[] _keys;
    private readonly Lock _lock = new();
    private readonly uint _noncePrefix;
    private ulong _counter;

    public GossipKeyring(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        _keys = [.. keys.Select(k => k.Length == KeyBytes ? new AesGcm(k, TagBytes) : throw new ArgumentException("keys are 32 bytes", nameof(keys)))];
        _noncePrefix = BinaryPrimitives.ReadUInt32LittleEndian(RandomNumberGenerator.GetBytes(4));
    }

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="destination"/> (nonce, ciphertext, tag).</summary>
    /// <returns>Bytes written, or 0 when <paramref name="destination"/> is too small.</returns>
    public int Seal(ReadOnlySpan<byte> associated, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var length = NonceBytes + plaintext.Length + TagBytes;
        if (destination.Length < length)
        {
            return 0;
        }

        var nonce = destination[..NonceBytes];
        lock (_lock)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(nonce, _noncePrefix);
            BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], ++_counter);
            _keys[0].Encrypt(nonce, plaintext, destination.Slice(NonceBytes, plaintext.Length), destination.Slice(NonceBytes + plaintext.Length, TagBytes), associated);
        }

        return length;
    }

    /// <summary>Opens a sealed part with any key; returns the plaintext length, or -1 when none opens it.</summary>
    public int Open(ReadOnlySpan<byte> associated, ReadOnlySpan<byte> sealedPart, Span<byte> plaintext)
    {
        var length = sealedPart.Length - Overhead;
        if (length < 0 || plaintext.Length < length)
        {
            return -1;
        }

        var nonce = sealedPart[..NonceBytes];
        var ciphertext = sealedPart.Slice(NonceBytes, length);
        var tag = sealedPart[^TagBytes..];
        lock (_lock)
        {
            foreach (var key in _keys)
            {
                try
                {
                    key.Decrypt(nonce, ciphertext, tag, plaintext[..length], associated);
                    return length;
                }
                catch (AuthenticationTagMismatchException)
                {
                    // Try the next key: during a rotation peers seal with either.
                }
            }
        }

        return -1;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
