namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>What an <see cref="AlertTransition"/> announces.</summary>
internal enum AlertState
{
    Firing,
    Resolved,
}
