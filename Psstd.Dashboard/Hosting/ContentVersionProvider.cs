using System.Collections.Concurrent;
using System.IO.Hashing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;

namespace Psstd.Dashboard.Hosting;

/// <summary>
/// <c>asp-append-version</c>'s <c>?v=</c> from a 64-bit non-cryptographic hash of the file's bytes (XxHash64, from
/// System.IO.Hashing) instead of ASP.NET Core's SHA-256. The version only has to change when the file does; SHA-256
/// is OpenSSL's on Linux, so the first full page a browser loaded brought libcrypto, libssl and the .NET shim into
/// the dashboard for the rest of its life (bench/RESULTS.md, the dashboard's RSS). Like the default, a path that is an absolute URL or names no file under
/// wwwroot is left as it is, and a query or fragment on the path is kept.
/// </summary>
/// <remarks>
/// A version is kept per path and computed again when the file's length or modification time changes (the default
/// watched the file instead, which needs a file watcher).
/// </remarks>
public sealed class ContentVersionProvider(IWebHostEnvironment environment) : IFileVersionProvider
{
    private const string VersionKey = "v";

    private readonly ConcurrentDictionary<string, Stamped> _versions = new(StringComparer.Ordinal);

    public string AddFileVersionToPath(PathString requestPathBase, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.AsSpan().IndexOfAny('?', '#');
        var resolved = end < 0 ? path : path[..end];
        if (Uri.TryCreate(resolved, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return path;
        }

        var files = environment.WebRootFileProvider;
        var file = files.GetFileInfo(resolved);
        if (!file.Exists && requestPathBase.HasValue && resolved.StartsWith(requestPathBase.Value!, StringComparison.OrdinalIgnoreCase))
        {
            file = files.GetFileInfo(resolved[requestPathBase.Value!.Length..]);
        }

        if (!file.Exists || file.IsDirectory)
        {
            return path;
        }

        if (_versions.TryGetValue(path, out var known) && known.Length == file.Length && known.Modified == file.LastModified)
        {
            return known.Value;
        }

        var value = QueryHelpers.AddQueryString(path, VersionKey, Version(file));
        _versions[path] = new Stamped(file.Length, file.LastModified, value);
        return value;
    }

    /// <summary>XxHash64 of the file's bytes, base64url (11 characters).</summary>
    public static string Version(IFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var hash = new XxHash64();
        using (var stream = file.CreateReadStream())
        {
            hash.Append(stream);
        }

        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        hash.GetCurrentHash(bytes);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    private sealed record Stamped(long Length, DateTimeOffset Modified, string Value);
}
