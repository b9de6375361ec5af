using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Psstd.Tests.Deploy;

/// <summary>The Traefik examples: objects are complete, routes reach defined services, the fallback loses to node routes.</summary>
[Trait("Category", "Deploy")]
public sealed partial class TraefikTests
{
    [Theory]
    [InlineData("bare-metal-node.yaml")]
    [InlineData("single-host-query.yaml")]
    public async Task EveryRoute_ReachesAServiceWithEndpoints_InTheSameFile(string file)
    {
        var objects = await YamlDocuments.LoadObjectsAsync(DeployFiles.Full($"deploy/traefik/{file}"));
        Assert.All(objects, KubernetesObjects.AssertIdentified);

        var services = Named(objects, "Service");
        var slices = objects.Where(o => o.Text("kind") == "EndpointSlice")
            .Select(o => o["metadata"]?["labels"]?["kubernetes.io/service-name"]?.GetValue<string>()).ToHashSet();
        foreach (var route in Routes(objects))
        {
            foreach (var target in route.Array("services"))
            {
                Assert.Contains(target.Text("name"), services);
                Assert.Contains(target.Text("name"), slices);
            }
        }
    }

    [Fact]
    public async Task SingleHost_RoutesEachNodeByQuery_WithALowPriorityHostOnlyFallback()
    {
        var objects = await YamlDocuments.LoadObjectsAsync(DeployFiles.Full("deploy/traefik/single-host-query.yaml"));
        var routes = Routes(objects).ToList();

        var byQuery = routes.Where(r => QueryRule().IsMatch(r.Text("match")!)).ToList();
        Assert.Equal(["psstd-node-a", "psstd-node-b"], byQuery.Select(r => r.Array("services")[0].Text("name")));
        var fallback = Assert.Single(routes, r => !QueryRule().IsMatch(r.Text("match")!));
        Assert.Equal("Host(`psstd.example.com`)", fallback.Text("match"));
        Assert.Equal("1", fallback.Text("priority"));
        Assert.Equal("psstd-any", fallback.Array("services")[0].Text("name"));
    }

    private static HashSet<string?> Named(IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => o.Text("kind") == kind).Select(o => o.Text("metadata.name")).ToHashSet();

    private static IEnumerable<JsonNode> Routes(IEnumerable<JsonObject> objects) =>
        objects.Where(o => o.Text("kind") == "IngressRoute").SelectMany(o => o["spec"].Array("routes")).Select(r => r!);

    [GeneratedRegex(@"&& Query\(`psstd_node`, `[a-z0-9-]+`\)$")]
    private static partial Regex QueryRule();
}
