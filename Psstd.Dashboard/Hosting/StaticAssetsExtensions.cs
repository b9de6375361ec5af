namespace Psstd.Dashboard.Hosting;

public static class StaticAssetsExtensions
{
    /// <summary>
    /// ASP.NET Core finds wwwroot through the build's static-assets manifest only in Development. The AppHost
    /// and operators start the build output in Production, where htmx and the stylesheet would then be
    /// missing; reading the manifest there too fixes that, and a published app (no manifest) is unaffected.
    /// </summary>
    public static IWebHostBuilder UseBuildOutputStaticAssets(this IWebHostBuilder webHost, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() ? webHost : webHost.UseStaticWebAssets();
    }
}
