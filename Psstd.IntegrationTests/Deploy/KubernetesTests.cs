using System.Text.Json.Nodes;

namespace Psstd.Tests.Deploy;

/// <summary>
/// The manifest parsed with PyYAML and checked for the fields an API server requires and the wiring
/// psstd needs. No schema tool (kubeconform, kubeval) is packaged by Debian, so these checks stand in.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class KubernetesTests
{
    private static readonly string Manifest = DeployFiles.Full("deploy/kubernetes/psstd.yaml");

    [Fact]
    public async Task EveryObject_HasApiVersionKindAndName()
    {
        var objects = await YamlDocuments.LoadObjectsAsync(Manifest);

        Assert.Equal(["Namespace", "Service", "DaemonSet"], objects.Select(o => o.Text("kind")));
        Assert.All(objects, KubernetesObjects.AssertIdentified);
    }

    [Fact]
    public async Task DaemonSet_SelectorMatchesItsPods_AndEveryContainerIsComplete()
    {
        var daemonSet = await ObjectAsync("DaemonSet");
        var pod = daemonSet["spec"]!["template"]!["spec"]!;

        KubernetesObjects.AssertSelects(daemonSet["spec"]!["selector"]!["matchLabels"]!, daemonSet["spec"]!["template"]!["metadata"]!["labels"]!);
        var volumes = pod.Array("volumes").Select(v => v.Text("name")).ToHashSet();
        foreach (var container in pod.Array("containers").Concat(pod.Array("initContainers")))
        {
            var name = container.Text("name");
            Assert.False(string.IsNullOrEmpty(container.Text("image")), $"{name}: no image");
            Assert.All(container.Array("volumeMounts"), m => Assert.Contains(m.Text("name"), volumes));
            Assert.NotNull(container.Text("resources.requests.cpu"));
            Assert.NotNull(container.Text("resources.requests.memory"));
            Assert.NotNull(container.Text("resources.limits.cpu"));
            Assert.NotNull(container.Text("resources.limits.memory"));
        }
    }

    [Fact]
    public async Task Pod_RunsAgentAndDashboard_SharingTheSocketEmptyDir()
    {
        var pod = (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["spec"]!;
        var containers = pod.Array("containers").ToDictionary(c => c.Text("name")!);

        Assert.Equal(["agent", "dashboard"], containers.Keys.Order(StringComparer.Ordinal));
        var socket = Assert.Single(pod.Array("volumes"), v => v.Text("name") == "socket");
        Assert.NotNull(socket["emptyDir"]);
        foreach (var container in containers.Values)
        {
            var path = Env(container, "PSSTD_SOCKET");
            Assert.Equal("/run/psstd/agent.sock", path);
            Assert.Contains(container.Array("volumeMounts"), m => m.Text("name") == "socket" && m.Text("mountPath") == "/run");
        }

        Assert.Equal("/app/psstd-agent", containers["agent"].Array("command")[0].GetValue<string>());
        Assert.Equal("/app/psstd-dashboard", containers["dashboard"].Array("command")[0].GetValue<string>());
    }

    [Fact]
    public async Task Gossip_IsDeclaredForTcpAndUdp_InThePodAndTheHeadlessService()
    {
        var pod = (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["spec"]!;
        var service = await ObjectAsync("Service");
        var agent = Assert.Single(pod.Array("containers"), c => c.Text("name") == "agent");

        Assert.Equal(["TCP", "UDP"], agent.Array("ports").Where(p => p.Text("containerPort") == "7947").Select(p => p.Text("protocol")).Order(StringComparer.Ordinal));
        Assert.Equal(["TCP", "UDP"], service["spec"].Array("ports").Where(p => p.Text("port") == "7947").Select(p => p.Text("protocol")).Order(StringComparer.Ordinal));
        Assert.Equal("None", service.Text("spec.clusterIP"));
        Assert.Equal("true", service.Text("spec.publishNotReadyAddresses"));
        KubernetesObjects.AssertSelects(service["spec"]!["selector"]!, (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["metadata"]!["labels"]!);

        var serviceName = $"{service.Text("metadata.name")}.{service.Text("metadata.namespace")}.svc.cluster.local:7947";
        Assert.Equal(serviceName, Env(agent, "PSSTD_SEEDS"));
    }

    [Fact]
    public async Task AdvertisedAddresses_ComeFromTheNodeIp()
    {
        var pod = (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["spec"]!;
        var agent = Assert.Single(pod.Array("containers"), c => c.Text("name") == "agent");

        var nodeIp = Assert.Single(agent.Array("env"), e => e.Text("name") == "NODE_IP");
        Assert.Equal("status.hostIP", nodeIp.Text("valueFrom.fieldRef.fieldPath"));
        Assert.Equal("$(NODE_IP):7947", Env(agent, "PSSTD_ADVERTISE_GOSSIP"));
        Assert.Equal("http://$(NODE_IP):8080/", Env(agent, "PSSTD_ADVERTISE_HTTP"));
    }

    [Fact]
    public async Task GossipKey_ComesFromARequiredSecret_NeverFromTheManifest()
    {
        var pod = (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["spec"]!;
        var agent = Assert.Single(pod.Array("containers"), c => c.Text("name") == "agent");

        var key = Assert.Single(agent.Array("env"), e => e.Text("name") == "PSSTD_KEY");
        Assert.Null(key.Text("value"));
        Assert.Equal("psstd-gossip-key", key.Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("key", key.Text("valueFrom.secretKeyRef.key"));
        Assert.Null(key.Text("valueFrom.secretKeyRef.optional")); // required: without the Secret the pod waits, it never gossips unsealed
    }

    [Fact]
    public async Task Probes_DashboardHealthForReadiness_AndALivenessProbePerContainer()
    {
        var pod = (await ObjectAsync("DaemonSet"))["spec"]!["template"]!["spec"]!;
        var containers = pod.Array("containers").ToDictionary(c => c.Text("name")!);

        Assert.Equal("/healthz", containers["dashboard"].Text("readinessProbe.httpGet.path"));
        Assert.Equal("8080", containers["dashboard"].Text("readinessProbe.httpGet.port"));
        Assert.All(containers.Values, c => Assert.NotNull(c["livenessProbe"]));
    }

    private static async Task<JsonObject> ObjectAsync(string kind) =>
        Assert.Single(await YamlDocuments.LoadObjectsAsync(Manifest), o => o.Text("kind") == kind);

    private static string? Env(JsonNode container, string name) =>
        container.Array("env").FirstOrDefault(e => e.Text("name") == name).Text("value");
}
