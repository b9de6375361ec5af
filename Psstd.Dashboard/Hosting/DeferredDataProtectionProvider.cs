using Microsoft.AspNetCore.DataProtection;

namespace Psstd.Dashboard.Hosting;

/// <summary>
/// Data protection that makes its key the first time something protects or unprotects, not when a protector is
/// created. MVC creates protectors for every view (the antiforgery token serializer behind the HTML helper) and
/// every action (the cookie TempData provider behind the save-TempData filter), although the dashboard has no
/// forms that post and no TempData. The ephemeral provider makes its key in its constructor, with OpenSSL's
/// random generator, so the first page render loaded OpenSSL (libcrypto, libssl and the .NET shim) into a
/// dashboard that never protects anything (bench/RESULTS.md, the dashboard's RSS).
/// </summary>
public sealed class DeferredDataProtectionProvider(Func<IDataProtectionProvider> create) : IDataProtectionProvider
{
    private readonly Lazy<IDataProtectionProvider> _provider = new(create);

    /// <summary>Whether a key exists yet (anything protected or unprotected).</summary>
    public bool IsCreated => _provider.IsValueCreated;

    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new DeferredProtector(() => _provider.Value.CreateProtector(purpose));
    }

    /// <summary>A protector whose real one (with its purpose chain) is made on first use.</summary>
    private sealed class DeferredProtector(Func<IDataProtector> create) : IDataProtector
    {
        private readonly Lazy<IDataProtector> _protector = new(create);

        public IDataProtector CreateProtector(string purpose)
        {
            ArgumentNullException.ThrowIfNull(purpose);
            return new DeferredProtector(() => _protector.Value.CreateProtector(purpose));
        }

        public byte[] Protect(byte[] plaintext) => _protector.Value.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData) => _protector.Value.Unprotect(protectedData);
    }
}
