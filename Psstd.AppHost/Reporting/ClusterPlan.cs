using Psstd.AppHost.Model;

namespace Psstd.AppHost.Reporting;

/// <summary>The cluster the AppHost declared: what it waits for and reports on.</summary>
public sealed record ClusterPlan(ClusterSpec Spec, IReadOnlyList<NodeSpec> Nodes);
