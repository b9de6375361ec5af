namespace Psstd.Dashboard.Registration;

public static class RegistrationServiceCollectionExtensions
{
    /// <summary>Registers this dashboard with its agent while it runs.</summary>
    public static IServiceCollection AddDashboardRegistration(this IServiceCollection services) =>
        services.AddHostedService<DashboardRegistrationService>();
}
