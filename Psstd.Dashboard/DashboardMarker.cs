namespace Psstd.Dashboard;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory&lt;T&gt;</c>. The agent's entry point is a top-level
/// <c>Program</c> too, so a test project that references both cannot tell them apart by that name.
/// </summary>
public sealed class DashboardMarker
{
    private DashboardMarker()
    {
    }
}
