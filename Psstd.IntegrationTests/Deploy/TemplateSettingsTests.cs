using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Psstd.Agent.Configuration;
using Psstd.Dashboard.Configuration;

namespace Psstd.Tests.Deploy;

/// <summary>
/// The settings each template gives the processes pass the processes' own start-up rules, so a
/// template can never ship a value that stops the service at start.
/// </summary>
[Trait("Category", "Deploy")]
public sealed partial class TemplateSettingsTests
{
    [Fact]
    public void SystemdEnvFile_WithEveryExampleSwitchedOn_PassesBothProcessesRules()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(DeployFiles.Full("deploy/systemd/psstd.env")))
        {
            if (Assignment().Match(line) is { Success: true } m)
            {
                env[m.Groups["key"].Value] = m.Groups["value"].Value;
            }
        }

        foreach (var unit in new[] { "psstd-agent.service", "psstd-dashboard.service" })
        {
            foreach (var assignment in UnitFile.Read(DeployFiles.Full($"deploy/systemd/{unit}")).All("Environment"))
            {
                var parts = assignment.Split('=', 2);
                env[parts[0]] = parts[1];
            }
        }

        Assert.Contains("PSSTD_SEEDS", env.Keys); // the commented examples were read
        AssertValid(env);
    }

    [Fact]
    public async Task LaunchdEnvironment_PassesBothProcessesRules()
    {
        var script = "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))['EnvironmentVariables']))";
        var result = await Tool.RunAsync("python3", "python3", ["-c", script, DeployFiles.Full("deploy/launchd/com.psstd.agent.plist")], TimeSpan.FromSeconds(30));
        result.ShouldSucceed("plistlib.load");

        AssertValid(JsonNode.Parse(result.Output)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task KubernetesEnvironment_WithTheDownwardApiFilledIn_PassesBothProcessesRules()
    {
        var daemonSet = Assert.Single(await YamlDocuments.LoadObjectsAsync(DeployFiles.Full("deploy/kubernetes/psstd.yaml")), o => o.Text("kind") == "DaemonSet");
        var agent = Assert.Single(daemonSet["spec"]!["template"]!["spec"].Array("containers"), c => c.Text("name") == "agent");
        var downward = new Dictionary<string, string> { ["NODE_NAME"] = "worker-1", ["NODE_IP"] = "10.0.0.7" };

        var env = agent.Array("env")
            .Where(e => e.Text("value") is not null)
            .ToDictionary(e => e.Text("name")!, e => Reference().Replace(e.Text("value")!, m => downward[m.Groups[1].Value]));

        Assert.Equal("10.0.0.7:7947", env["PSSTD_ADVERTISE_GOSSIP"]);
        AssertValid(env);
    }

    private static void AssertValid(Dictionary<string, string> env)
    {
        var agent = AgentSettings.FromEnvironment(env, "template-host");
        var dashboard = DashboardSettings.FromEnvironment(env);

        Assert.Equal(env["PSSTD_SOCKET"], dashboard.SocketPath);
        Assert.NotNull(agent);
    }

    /// <summary>KEY=value lines, also commented-out examples ("#PSSTD_SEEDS=..."), but not prose.</summary>
    [GeneratedRegex(@"^#?(?<key>(PSSTD|OTEL)_[A-Z_]+)=(?<value>\S*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex Reference();
}
