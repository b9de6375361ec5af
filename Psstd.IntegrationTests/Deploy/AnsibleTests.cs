using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>Both playbooks pass <c>ansible-playbook --syntax-check</c> (which also loads the imported task files).</summary>
[Trait("Category", "Deploy")]
public sealed class AnsibleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("install-psstd.yml")]
    [InlineData("install-release-psstd.yml")]
    public async Task Playbook_PassesSyntaxCheck(string playbook)
    {
        var result = await SyntaxCheckAsync(DeployFiles.Full($"deploy/ansible/{playbook}"));

        result.ShouldSucceed($"ansible-playbook --syntax-check {playbook}");
        Assert.Contains($"playbook: {DeployFiles.Full($"deploy/ansible/{playbook}")}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenPlaybook_IsCaughtByTheSameCheck()
    {
        var broken = _dir.File("broken.yml");
        File.WriteAllText(broken, "- hosts: all\n  tasks:\n    - name: no such module\n      ansible.builtin.no_such_module: {}\n");

        var result = await SyntaxCheckAsync(broken);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void BothPlaybooks_EnableBothUnits_ThroughTheSharedTasks()
    {
        var service = File.ReadAllText(DeployFiles.Full("deploy/ansible/tasks/service.yml"));
        Assert.Contains("name: psstd-agent.service", service, StringComparison.Ordinal);
        Assert.Contains("name: psstd-dashboard.service", service, StringComparison.Ordinal);
        Assert.Contains("dest: /etc/psstd/psstd.env", service, StringComparison.Ordinal);

        foreach (var playbook in new[] { "install-psstd.yml", "install-release-psstd.yml" })
        {
            var text = File.ReadAllText(DeployFiles.Full($"deploy/ansible/{playbook}"));
            Assert.Contains("import_tasks: tasks/service.yml", text, StringComparison.Ordinal);
            Assert.Contains("import_tasks: tasks/unpack.yml", text, StringComparison.Ordinal);
            Assert.Contains("ansible_architecture", text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// --syntax-check does not render templates: render the env file for a two-host inventory with
    /// the playbooks' own group_vars, no facts gathered (the address fact is set in the inventory).
    /// </summary>
    [Fact]
    public async Task EnvTemplate_RendersPerHost_WithTheOtherHostsAsSeeds()
    {
        var work = _dir.File("render");
        Directory.CreateDirectory(Path.Combine(work, "group_vars"));
        File.Copy(DeployFiles.Full("deploy/ansible/group_vars/all.yml"), Path.Combine(work, "group_vars", "all.yml"));
        File.WriteAllText(Path.Combine(work, "inventory.ini"), $$"""
            [psstd]
            node-a ansible_connection=local ansible_python_interpreter=/usr/bin/python3 ansible_default_ipv4="{'address': '10.0.0.1'}" psstd_advertise_http=https://psstd-node-a.example.com/
            node-b ansible_connection=local ansible_python_interpreter=/usr/bin/python3 ansible_default_ipv4="{'address': '10.0.0.2'}" psstd_web=false psstd_key="{{Key}}" psstd_gossip_bandwidth=512KiB
            """);
        File.WriteAllText(Path.Combine(work, "render.yml"), $$$"""
            - name: Render the env file of every host
              hosts: psstd
              gather_facts: false
              tasks:
                - name: Render
                  ansible.builtin.template:
                    src: {{{DeployFiles.Full("deploy/ansible/templates/psstd.env.j2")}}}
                    dest: "{{ playbook_dir }}/{{ inventory_hostname }}.env"
                    mode: "0644"
            """);

        var result = await Tool.RunAsync("ansible-playbook", "ansible-core", ["-i", Path.Combine(work, "inventory.ini"), Path.Combine(work, "render.yml")],
            TimeSpan.FromSeconds(120), workingDirectory: work, environment: AnsibleEnvironment());
        result.ShouldSucceed("ansible-playbook render.yml");

        var a = EnvFile(Path.Combine(work, "node-a.env"));
        var b = EnvFile(Path.Combine(work, "node-b.env"));
        Assert.Equal("node-a", a["PSSTD_NODE_NAME"]);
        Assert.Equal("10.0.0.2:7947", a["PSSTD_SEEDS"]);
        Assert.Equal("10.0.0.1:7947", b["PSSTD_SEEDS"]);
        Assert.Equal("https://psstd-node-a.example.com/", a["PSSTD_ADVERTISE_HTTP"]);
        Assert.False(b.ContainsKey("PSSTD_ADVERTISE_HTTP"));
        Assert.Equal("true", a["PSSTD_WEB"]);
        Assert.Equal("false", b["PSSTD_WEB"]);
        Assert.All(a.Keys.Concat(b.Keys), key => Assert.True(key.StartsWith("PSSTD_", StringComparison.Ordinal) || key == "OTEL_EXPORTER_OTLP_ENDPOINT", key));
        Assert.DoesNotContain("PSSTD_KEY", a.Keys);
        Assert.DoesNotContain("PSSTD_GOSSIP_BANDWIDTH", a.Keys);
        Assert.Equal(Key, b["PSSTD_KEY"]);
        Assert.Equal("512KiB", b["PSSTD_GOSSIP_BANDWIDTH"]);
        Assert.False(b.ContainsKey("PSSTD_REAP"), "an empty optional setting is left out");
    }

    /// <summary>32 zero bytes in base64: a well-formed key, for rendering only.</summary>
    private const string Key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static Dictionary<string, string> EnvFile(string path) => File.ReadAllLines(path)
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split('=', 2))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private Dictionary<string, string?> AnsibleEnvironment() => new()
    {
        ["ANSIBLE_LOCAL_TEMP"] = _dir.File("ansible-tmp"),
        ["ANSIBLE_HOME"] = _dir.File("ansible-home"),
        ["ANSIBLE_NOCOLOR"] = "1",
        ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
        ["ANSIBLE_HOST_KEY_CHECKING"] = "0",
    };

    private Task<Tool.Result> SyntaxCheckAsync(string playbook) =>
        Tool.RunAsync("ansible-playbook", "ansible-core", ["--syntax-check", "-i", DeployFiles.Full("deploy/ansible/inventory.example.ini"), playbook],
            TimeSpan.FromSeconds(120), environment: AnsibleEnvironment());

    public void Dispose() => _dir.Dispose();
}
