using System.Buffers;
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
        // Razor buffers a whole view in 1,024-char pages before writing it out (views write synchronously, the
        // response may not). A large cluster's partial takes thousands of pages; the shared pool keeps only a few
        // arrays per size, so each render allocated its pages afresh and the GC spent more time than the render.
        // MVC takes its char pool from the container (TryAdd), so registering it first gives it a pool that keeps
        // enough pages for the largest partial. Longer arrays than 8 K chars are allocated as before.
        services.AddSingleton(ArrayPool<char>.Create(maxArrayLength: 8 * 1024, maxArraysPerBucket: 4 * 1024));
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddControllersWithViews();

        // Data protection starts with a hosted service that loads (and, where there is none, creates and writes)
        // the XML key ring under ~/.aspnet, which brought in the XML and OpenSSL libraries at every start. Nothing
        // here uses that key ring: the only provider is the ephemeral one above, which keeps its key in memory.
        // Without the warm-up nothing touches the key ring.
        foreach (var warmUp in services.Where(IsDataProtectionWarmUp).ToList())
        {
            services.Remove(warmUp);
        }

        return services;
    }

    private static bool IsDataProtectionWarmUp(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Assembly == typeof(DataProtectionOptions).Assembly;
}
