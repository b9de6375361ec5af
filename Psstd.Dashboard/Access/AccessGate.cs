using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Psstd.ServiceDefaults.Hosting;

namespace Psstd.Dashboard.Access;

/// <summary>
/// Lets a request in when access is open, when it is the health check, or when one configured credential
/// matches: the trusted proxy's user header, a bearer token, or basic credentials. Otherwise 401 with the
/// challenges a browser or script can answer.
/// </summary>
public sealed class AccessGate(RequestDelegate next, AccessSettings access, TimeProvider time) : IDisposable
{
    private readonly PasswordCheck? _passwords = access.Users is null ? null : new PasswordCheck(access.Users, time);

    public void Dispose() => _passwords?.Dispose();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (access.IsOpen || context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath))
        {
            await next(context);
            return;
        }

        var verdict = await JudgeAsync(context.Request, context.Connection.RemoteIpAddress, context.RequestAborted);
        if (verdict == true)
        {
            await next(context);
            return;
        }

        if (verdict is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsync("busy checking credentials; try again", context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (access.Users is not null)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"psstd\", charset=\"UTF-8\"");
        }

        if (access.TokenHashes.Count > 0)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"psstd\"");
        }

        await context.Response.WriteAsync("psstd dashboard: sign in required", context.RequestAborted);
    }

    private async Task<bool?> JudgeAsync(HttpRequest request, System.Net.IPAddress? remote, CancellationToken cancellationToken)
    {
        if (access.UserHeader.Length > 0 && access.IsTrustedProxy(remote) && request.Headers[access.UserHeader].ToString().Length > 0)
        {
            return true;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization) || authorization.Parameter is null)
        {
            return false;
        }

        if (string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(authorization.Parameter));
            return access.TokenHashes.Any(h => CryptographicOperations.FixedTimeEquals(h, digest));
        }

        if (_passwords is null || !string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? false : await _passwords.VerifyAsync(pair[..colon], pair[(colon + 1)..], cancellationToken);
    }
}
