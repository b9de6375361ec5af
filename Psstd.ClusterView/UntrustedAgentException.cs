using System.Globalization;

namespace Psstd.ClusterView;

/// <summary>The agent's socket is served by a user this client does not trust (see <see cref="UnixOwnership.MayServe"/>).</summary>
public sealed class UntrustedAgentException(string socketPath, uint server)
    : IOException(string.Create(
        CultureInfo.InvariantCulture,
        $"{socketPath} is served by user {server}, not by this user, root or the owner of its directory; not trusting it (another user may have made that directory first: point PSSTD_SOCKET at a private one)"))
{
}
