using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;

namespace Psstd.Dashboard.Hosting;

/// <summary>
/// <c>asp-append-version</c>'s <c>?v=</c> from a 64-bit FNV-1a hash of the file's bytes instead of ASP.NET Core's
/// SHA-256. The version only has to change when the file does; SHA-256 is OpenSSL's on Linux, so the first full page
/// a browser loaded brought libcrypto, libssl and the .NET shim into the dashboard for the rest of its life
/// (bench/RESULTS.md, the dashboard's RSS). Like the default, a path that is an absolute URL or names no file under
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

    /// <summary>FNV-1a, 64 bits, of the file's bytes, base64url (11 characters).</summary>
    public static string Version(IFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        const ulong Offset = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = Offset;
        var buffer = new byte[16 * 1024];
        using var stream = file.CreateReadStream();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                hash = (hash ^ b) * Prime;
            }
        }

        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, hash);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    private sealed record Stamped(long Length, DateTimeOffset Modified, string Value);
}
