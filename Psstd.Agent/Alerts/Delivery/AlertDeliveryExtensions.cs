using Psstd.Agent.Notices;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Alerts.Delivery;

internal static class AlertDeliveryExtensions
{
    /// <summary>
    /// The webhook notifier (a singleton, and the hosted service that runs its loop), only when
    /// <c>PSSTD_ALERT_WEBHOOK</c> is set; otherwise nothing is registered and <c>GetService&lt;WebhookNotifier&gt;()</c> is null.
    /// </summary>
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.AlertWebhook is not { } target)
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(WebhookDeliveryOptions.Default);
        services.TryAddSingleton(sp => new AlertDeliveryMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(sp => new WebhookNotifier(
            target,
            sp.GetRequiredService<WebhookDeliveryOptions>(),
            sp.GetRequiredService<AlertDeliveryMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookNotifier>>(),
            delivered: sp.GetService<DeliveredNotices>()));
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        return services;
    }
}
