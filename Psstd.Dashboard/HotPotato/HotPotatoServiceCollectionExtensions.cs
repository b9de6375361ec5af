using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Psstd.Dashboard.HotPotato;

public static class HotPotatoServiceCollectionExtensions
{
    /// <summary>
    /// The hand-off rule's inputs: its options and the dice, each only added when absent, so tests put a
    /// seeded <see cref="Random"/> or other thresholds in first. The clock is the one AddServiceDefaults registers.
    /// </summary>
    public static IServiceCollection AddHotPotato(this IServiceCollection services)
    {
        services.TryAddSingleton(new HotPotatoOptions());
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton<HandOff>();
        return services;
    }
}
