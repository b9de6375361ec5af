using System.Text.Json.Nodes;
using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>Reads YAML with PyYAML (Debian's python3-yaml), the parser Ansible itself uses, as JSON.</summary>
internal static class YamlDocuments
{
    private const string Script = """
        import json, sys
        try:
            import yaml
        except ImportError:
            sys.exit("PyYAML is missing: apt-get install -y python3-yaml")
        with open(sys.argv[1], encoding="utf-8") as f:
            print(json.dumps([d for d in yaml.safe_load_all(f) if d is not None], default=str))
        """;

    /// <summary>Every document of the file, in order; fails the test with the parser's message.</summary>
    public static async Task<IReadOnlyList<JsonNode>> LoadAsync(string path)
    {
        var result = await Tool.RunAsync("python3", "python3-yaml", ["-c", Script, path], TimeSpan.FromSeconds(30));
        result.ShouldSucceed($"parsing {Path.GetRelativePath(RepositoryRoot.Path, path)} as YAML");
        return [.. JsonNode.Parse(result.Output)!.AsArray().Select(d => d!)];
    }

    /// <summary>Documents that must each be a mapping, as Kubernetes objects are.</summary>
    public static async Task<IReadOnlyList<JsonObject>> LoadObjectsAsync(string path) =>
        [.. (await LoadAsync(path)).Select(d => Assert.IsType<JsonObject>(d))];

    /// <summary>A string at a dotted path ("metadata.name"), or null when any step is missing.</summary>
    public static string? Text(this JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(step, out var next) ? next : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
    }

    /// <summary>The items of an array property, or none when it is missing.</summary>
    public static IReadOnlyList<JsonNode> Array(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? [.. a.OfType<JsonNode>()] : [];
}
