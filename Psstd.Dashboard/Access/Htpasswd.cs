namespace Psstd.Dashboard.Access;

/// <summary>
/// Users and their bcrypt hashes, read from an htpasswd file (<c>htpasswd -B</c>, the format Traefik and nginx
/// read too). Only bcrypt is accepted: the file's older formats (MD5, SHA-1, crypt) are fast to brute-force.
/// </summary>
public sealed class Htpasswd
{
    private readonly Dictionary<string, string> _hashes;

    private Htpasswd(Dictionary<string, string> hashes) => _hashes = hashes;

    public int Count => _hashes.Count;

    /// <summary>Parses the file's lines; the error names the first bad line and its rule.</summary>
    public static Htpasswd? Parse(IEnumerable<string> lines, out string? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var hash = colon < 0 ? "" : line[(colon + 1)..];
            if (colon < 1 || !IsBcrypt(hash))
            {
                error = $"line {number} must be user:bcrypt-hash (htpasswd -B)";
                return null;
            }

            hashes[line[..colon]] = hash;
        }

        if (hashes.Count == 0)
        {
            error = "must list at least one user:bcrypt-hash line (htpasswd -B)";
            return null;
        }

        error = null;
        return new Htpasswd(hashes);
    }

    /// <summary>The user's hash, or null for an unknown user.</summary>
    public string? HashOf(string user) => _hashes.GetValueOrDefault(user);

    private static bool IsBcrypt(string hash) =>
        hash.Length == 60 && (hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal) || hash.StartsWith("$2y$", StringComparison.Ordinal));
}
