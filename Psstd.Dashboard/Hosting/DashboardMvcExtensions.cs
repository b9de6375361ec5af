using Microsoft.AspNetCore.DataProtection;

namespace Psstd.Dashboard.Hosting;

public static class DashboardMvcExtensions
{
    /// <summary>
    /// MVC with views. The dashboard is read only: no forms, no auth cookies, nothing to keep secret
    /// across restarts, so data-protection keys live in memory instead of a key ring written to a home
    /// directory a service user may not have.
    /// </summary>
    public static IServiceCollection AddDashboardMvc(this IServiceCollection services)
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddControllersWithViews();
        return services;
    }
}
