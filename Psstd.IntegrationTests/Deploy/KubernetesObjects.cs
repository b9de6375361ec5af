using System.Text.Json.Nodes;

namespace Psstd.Tests.Deploy;

/// <summary>Checks shared by the Kubernetes and Traefik manifests.</summary>
internal static class KubernetesObjects
{
    public static void AssertIdentified(JsonObject o)
    {
        Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")), $"no apiVersion in {o.ToJsonString()[..Math.Min(80, o.ToJsonString().Length)]}");
        Assert.False(string.IsNullOrEmpty(o.Text("kind")), "no kind");
        Assert.False(string.IsNullOrEmpty(o.Text("metadata.name")), $"{o.Text("kind")} without metadata.name");
    }

    /// <summary>Every label of the selector is on the target with the same value.</summary>
    public static void AssertSelects(JsonNode selector, JsonNode labels)
    {
        var wanted = selector.AsObject();
        Assert.NotEmpty(wanted);
        foreach (var (key, value) in wanted)
        {
            Assert.Equal(value?.GetValue<string>(), labels[key]?.GetValue<string>());
        }
    }
}
