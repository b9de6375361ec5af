namespace Psstd.Agent.Configuration.Alerting;

/// <summary>How urgent a rule's alerts are, as the rules file says (<c>severity:</c>); listed from least to most.</summary>
internal enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
