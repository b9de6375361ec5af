using System.Buffers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Psstd.Dashboard.Hosting;

public static class DashboardMvcExtensions
{
    /// <summary>The antiforgery cookie's name, fixed rather than derived from a hash (see <see cref="AddDashboardMvc"/>).</summary>
    public const string AntiforgeryCookieName = ".AspNetCore.Antiforgery.psstd-dashboard";

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

        // Views activate the antiforgery token store, whose options name its cookie, when no name is set, after a
        // SHA-256 of the application's name: the one hash loaded OpenSSL into the dashboard at its first page. No
        // antiforgery cookie is ever sent (no form posts), so a fixed name costs nothing. Registered before MVC so
        // that it runs before antiforgery's own defaults.
        services.Configure<AntiforgeryOptions>(options => options.Cookie.Name = AntiforgeryCookieName);

        // Controllers with Razor views and nothing else of AddControllersWithViews: no API explorer, authorization,
        // CORS, data-annotation validation, formatter mappings or cache tag helper. The dashboard uses none of them
        // (access control is AccessGate, the pages bind plain query strings), and each costs memory at every start:
        // MVC's authorization services alone made WebApplication add the authentication and authorization
        // middleware to every request.
        services.AddMvcCore().AddRazorViewEngine();

        // asp-append-version without SHA-256 (see the class).
        services.Replace(ServiceDescriptor.Singleton<IFileVersionProvider, ContentVersionProvider>());

        // The ephemeral provider (its key in memory), made only when something protects (see the class). After MVC,
        // whose antiforgery registers data protection's default provider.
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp =>
            new DeferredDataProtectionProvider(() => new EphemeralDataProtectionProvider(sp.GetRequiredService<ILoggerFactory>()))));

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
