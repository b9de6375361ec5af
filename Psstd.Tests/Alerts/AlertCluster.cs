using System.Security.Cryptography;
using System.Text;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;

namespace Psstd.Tests.Alerts;

/// <summary>Nodes and rules for the evaluator's tests: a node's id follows from its name, records are built by hand.</summary>
internal static class AlertCluster
{
    public static Guid Id(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16]);

    public static NodeSnapshot Node(
        string name, double cpu = 0, NodeHealth health = NodeHealth.Fresh, long generation = 1, long sequence = 1, NodeMetrics? metrics = null) =>
        new(Id(name), name, generation, sequence, health, 0, 15, "0.1.0", "", "", false, metrics ?? new NodeMetrics { CpuBusyPercent = cpu, LogicalCores = 4 });

    public static IReadOnlyList<AlertRule> Rules(string yaml)
    {
        var result = AlertRulesParser.Parse(yaml);
        Assert.Empty(result.Errors);
        return result.Rules;
    }
}
