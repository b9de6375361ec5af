using Psstd.Contracts;

namespace Psstd.Agent.Alerts;

/// <summary>The alerts firing now, as the last evaluation left them, for the local API; replaced whole, read from any thread.</summary>
internal sealed class AlertBoard
{
    private volatile IReadOnlyList<FiringAlert> _current = [];

    public IReadOnlyList<FiringAlert> Current => _current;

    public void Publish(IReadOnlyList<FiringAlert> alerts) => _current = alerts ?? throw new ArgumentNullException(nameof(alerts));
}
