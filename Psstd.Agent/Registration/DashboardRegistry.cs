using Psstd.Agent.Configuration;

namespace Psstd.Agent.Registration;

/// <summary>
/// The URL of this node's dashboard, as the dashboard itself last registered it, valid while its lease lasts.
/// With <c>PSSTD_WEB=false</c> the agent takes no registration, so its record never carries a URL.
/// </summary>
internal sealed class DashboardRegistry(AgentSettings settings, TimeProvider time)
{
    private readonly Lock _gate = new();
    private string _url = "";
    private long _expiresAt;

    /// <summary>False when the operator turned the web dashboard off for this node.</summary>
    public bool Accepting => settings.Web;

    /// <summary>The registered URL while its lease is alive; empty otherwise.</summary>
    public string CurrentUrl
    {
        get
        {
            lock (_gate)
            {
                return _url.Length > 0 && time.GetTimestamp() < _expiresAt ? _url : "";
            }
        }
    }

    /// <summary>Registers or renews. Returns false (and keeps nothing) when not <see cref="Accepting"/>.</summary>
    public bool Register(string url, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Accepting)
        {
            return false;
        }

        lock (_gate)
        {
            _url = url;
            _expiresAt = time.GetTimestamp() + (long)(lease.TotalSeconds * time.TimestampFrequency);
        }

        return true;
    }

    /// <summary>The dashboard is going away: unlist it now rather than when the lease runs out.</summary>
    public void Withdraw()
    {
        lock (_gate)
        {
            _url = "";
            _expiresAt = 0;
        }
    }
}
