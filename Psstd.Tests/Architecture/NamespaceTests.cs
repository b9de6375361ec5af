using ArchUnitNET.Loader;

namespace Psstd.Tests.Architecture;

/// <summary>
/// The feature folders of each project (the first namespace segment below the project's, with its
/// sub-namespaces) depend on each other in one direction only. Checked on the built assemblies, from
/// every type reference ArchUnitNET finds (fields, signatures, method bodies), not from using directives.
/// A cycle means two folders can no longer be understood or changed one at a time.
/// </summary>
public sealed class NamespaceTests
{
    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Built = new(() => new ArchLoader()
        .LoadAssemblies(
            typeof(Psstd.Gossip.Engine.GossipEngine).Assembly,
            typeof(Psstd.Agent.Snapshots.ClusterSnapshotFactory).Assembly,
            typeof(Psstd.Dashboard.DashboardMarker).Assembly)
        .Build());

    [Theory]
    [InlineData("Psstd.Gossip")]
    [InlineData("Psstd.Agent")]
    [InlineData("Psstd.Dashboard")]
    public void FeatureFolders_DependOnEachOtherWithoutCycles(string project)
    {
        var graph = FolderGraph(project);

        Assert.True(graph.Count > 1, $"{project}: no feature folders found");
        var cycle = Cycle(graph);
        Assert.True(cycle.Length == 0, $"{project}: {cycle}");
    }

    /// <summary>Folder to the folders its types refer to.</summary>
    private static Dictionary<string, SortedSet<string>> FolderGraph(string project)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in Built.Value.Types)
        {
            if (type.Namespace?.FullName is not { } ns || Folder(project, ns) is not { } from)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target?.Namespace?.FullName is { } target && Folder(project, target) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    private static string? Folder(string project, string ns) =>
        ns.StartsWith(project + ".", StringComparison.Ordinal) ? ns[(project.Length + 1)..].Split('.')[0] : null;

    /// <summary>One cycle as "A -> B -> A", or empty when there is none (depth-first search).</summary>
    private static string Cycle(Dictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        string Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" -> ", path[path.IndexOf(next)..].Append(next));
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { Length: > 0 } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return "";
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { Length: > 0 } found)
            {
                return found;
            }
        }

        return "";
    }
}
