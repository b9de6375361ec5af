using Psstd.Contracts;

namespace Psstd.Dashboard.Formatting;

/// <summary>A node's health as pages and streams name it (also the CSS hook): fresh, stale, suspect, offline, left, forgotten.</summary>
public static class HealthNames
{
    public static string Of(NodeHealth health) => health switch
    {
        NodeHealth.Fresh => "fresh",
        NodeHealth.Stale => "stale",
        NodeHealth.Suspect => "suspect",
        NodeHealth.Offline => "offline",
        NodeHealth.Left => "left",
        NodeHealth.Forgotten => "forgotten",
        _ => "unknown",
    };
}
