namespace Psstd.Contracts;

/// <summary>
/// The body of <c>PUT /v1/dashboard</c>: a dashboard telling its agent where browsers reach it. The agent
/// publishes the URL in its record until the lease runs out; the dashboard renews well before that.
/// </summary>
/// <param name="Url">Absolute http(s) URL; may carry a query such as <c>?psstd_node=a</c> for a shared proxy.</param>
/// <param name="LeaseSeconds">How long the agent keeps the URL without another renewal.</param>
public sealed record DashboardRegistration(string Url, double LeaseSeconds);
