using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Configuration;
using Psstd.Agent.Events;
using Psstd.Agent.Heartbeat;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.Alerts;

internal static class AlertsExtensions
{
    /// <summary>
    /// Registers the alert board (always: the local API reads it) and, when there are rules, the monitor that
    /// judges them once a second and the webhook when one is set.
    /// </summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var rules = settings.AlertRules;
        builder.Services.AddSingleton<AlertBoard>();
        if (rules.Count > 0)
        {
            builder.Services.AddAlertDelivery(settings);
            builder.Services.AddHostedService(sp => new AlertMonitor(
                settings,
                rules,
                sp.GetRequiredService<ClusterState>(),
                sp.GetRequiredService<LocalNode>(),
                sp.GetRequiredService<EventJournal>(),
                sp.GetRequiredService<AlertBoard>(),
                sp.GetService<WebhookNotifier>(),
                sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
