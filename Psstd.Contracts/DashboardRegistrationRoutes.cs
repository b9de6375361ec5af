namespace Psstd.Contracts;

/// <summary>The local-API path a dashboard registers itself on (kept apart from <see cref="LocalApiRoutes"/>, which is read only).</summary>
public static class DashboardRegistrationRoutes
{
    /// <summary>PUT a <see cref="DashboardRegistration"/> to register or renew; DELETE to withdraw.</summary>
    public const string Dashboard = "/v1/dashboard";

    /// <summary>The longest lease an agent grants: a dashboard that died is unlisted within this.</summary>
    public const double MaxLeaseSeconds = 60;
}
