using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Psstd.Dashboard.HotPotato;

public static class HotPotatoServiceCollectionExtensions
{
    /// <summary>
    /// The hand-off rule's inputs: its options, the clock and the dice. Each is only added when absent, so
    /// tests put a fixed clock, a seeded <see cref="Random"/> or other thresholds in first.
    /// </summary>
    public static IServiceCollection AddHotPotato(this IServiceCollection services)
    {
        services.TryAddSingleton(new HotPotatoOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton<HandOff>();
        return services;
    }
}
