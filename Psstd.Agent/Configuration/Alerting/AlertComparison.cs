namespace Psstd.Agent.Configuration.Alerting;

/// <summary>Which side of its threshold a metric rule's condition lies on (<c>above:</c> or <c>below:</c>).</summary>
internal enum AlertComparison
{
    Above,
    Below,
}
