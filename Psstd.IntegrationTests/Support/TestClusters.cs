using System.Collections.Frozen;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;

namespace Psstd.Tests.Support;

/// <summary>Cluster specs for tests: the AppHost's own model on free ports away from a developer's cluster.</summary>
public static class TestClusters
{
    /// <param name="environment">Added to every process, e.g. a short <c>PSSTD_NODE_TTL</c>.</param>
    public static ClusterSpec Spec(string root, int nodes, IReadOnlyDictionary<string, string> environment, bool dashboards = true)
    {
        var http = PortPicker.Pick(TestPorts.Next(), nodes, udpToo: false);
        var gossip = PortPicker.Pick(TestPorts.Next(), nodes, udpToo: true, exclude: http.ToHashSet());
        return new ClusterSpec(nodes, root, http, gossip, ChildBinaries.FromBuild(), Environment.ProcessId, environment.ToFrozenDictionary(), dashboards);
    }
}
