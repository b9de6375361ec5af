using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;

namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>One rule applied to one observation of one node; <see cref="Judge"/> is the only place that decides.</summary>
/// <param name="Value">The metric's value, or the health as a number; meaningful unless <see cref="Verdict"/> is Unjudged or Gone.</param>
/// <param name="Reason">Why a Gone verdict ends the alert; empty otherwise.</param>
internal readonly record struct AlertJudgement(AlertVerdict Verdict, double Value, string Reason)
{
    /// <summary>
    /// A metric rule judges fresh nodes only: a node that is not fresh carries old values that must neither
    /// fire nor resolve anything. A health rule's condition is the node's health being one of its states; only
    /// fresh health clears it, and a node that said goodbye (left) is no outage unless the rule lists <c>left</c>.
    /// A forgotten node ends every alert about it.
    /// </summary>
    public static AlertJudgement Judge(AlertRule rule, NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(node);
        if (rule.IsHealth)
        {
            var health = (double)node.Health;
            return node.Health switch
            {
                _ when rule.States.Contains(node.Health) => new(AlertVerdict.Holds, health, ""),
                NodeHealth.Fresh => new(AlertVerdict.Clear, health, ""),
                NodeHealth.Left => new(AlertVerdict.Gone, health, "node left"),
                NodeHealth.Forgotten => new(AlertVerdict.Gone, health, "node forgotten"),
                _ => new(AlertVerdict.Short, health, ""),
            };
        }

        switch (node.Health)
        {
            case NodeHealth.Left:
                return new(AlertVerdict.Gone, 0, "node left");
            case NodeHealth.Forgotten:
                return new(AlertVerdict.Gone, 0, "node forgotten");
            case not NodeHealth.Fresh:
                return new(AlertVerdict.Unjudged, 0, "");
        }

        var value = AlertMetrics.Read(rule.Metric, node.Metrics);
        var verdict = !double.IsFinite(value) ? AlertVerdict.Unjudged
            : rule.Holds(value) ? AlertVerdict.Holds
            : rule.IsClear(value) ? AlertVerdict.Clear
            : AlertVerdict.Short;
        return new(verdict, value, "");
    }
}
