using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Psstd.AppHost.Reporting;

/// <summary>The Aspire dashboard's login URL, built from the settings <see cref="AspireDashboardDefaults"/> completed.</summary>
public sealed class AspireDashboardLink(IConfiguration configuration, DistributedApplicationModel model)
{
    /// <summary>The name Aspire gives its dashboard's resource.</summary>
    private const string DashboardResourceName = "aspire-dashboard";

    /// <summary>Null when the Aspire dashboard does not run (the testing builder turns it off).</summary>
    public Uri? LoginUrl
    {
        get
        {
            if (!model.Resources.Any(r => r.Name == DashboardResourceName))
            {
                return null;
            }

            var frontend = configuration[AspireDashboardDefaults.FrontendUrls]?.Split(';')[0];
            var token = configuration[AspireDashboardDefaults.BrowserToken];
            return frontend is null ? null : new Uri(new Uri(frontend), token is null ? "/" : $"/login?t={token}");
        }
    }
}
