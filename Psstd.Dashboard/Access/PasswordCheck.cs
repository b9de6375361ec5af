using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Psstd.Dashboard.Access;

/// <summary>
/// Verifies basic credentials against the htpasswd hashes. bcrypt is slow on purpose, and a browser sends the
/// same credentials with every poll: a pair that verified is remembered (by its SHA-256, for a few minutes), and
/// only one bcrypt runs at a time, so guessing costs a stranger one core at most and never the page's polls.
/// </summary>
public sealed class PasswordCheck(Htpasswd users, TimeProvider time) : IDisposable
{
    /// <summary>How long a verified pair is remembered; a user removed from the file is refused after a restart.</summary>
    public static TimeSpan Remembered { get; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a request waits for the one bcrypt slot before it is answered 503.</summary>
    public static TimeSpan SlotWait { get; } = TimeSpan.FromSeconds(2);

    private const int MaxRemembered = 256;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slot = new(1, 1);

    /// <summary>True or false for the pair; null when the slot stayed busy (a guessing storm).</summary>
    public async Task<bool?> VerifyAsync(string user, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\0" + password)));
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now)
        {
            return true;
        }

        var hash = users.HashOf(user);
        var wait = _slot.WaitAsync(cancellationToken);
        try
        {
            await wait.WaitAsync(SlotWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The wait goes on by itself: whenever it gets the slot, it hands it straight back.
            _ = wait.ContinueWith(t => _slot.Release(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return null;
        }

        bool ok;
        try
        {
            // An unknown user costs a bcrypt too, so timing does not tell which names exist.
            ok = BCrypt.Net.BCrypt.Verify(password, hash ?? Decoy) && hash is not null;
        }
        catch (BCrypt.Net.SaltParseException)
        {
            ok = false;
        }
        finally
        {
            _slot.Release();
        }

        if (ok)
        {
            if (_verified.Count >= MaxRemembered)
            {
                _verified.Clear();
            }

            _verified[key] = now + Remembered;
        }

        return ok;
    }

    public void Dispose() => _slot.Dispose();

    /// <summary>A valid hash of nothing anyone types, verified for unknown users.</summary>
    private static readonly string Decoy = BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString("N"), 10);
}
