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

    private Task<Tool.Result> SyntaxCheckAsync(string playbook) =>
        Tool.RunAsync("ansible-playbook", "ansible-core", ["--syntax-check", "-i", DeployFiles.Full("deploy/ansible/inventory.example.ini"), playbook],
            TimeSpan.FromSeconds(120),
            environment: new Dictionary<string, string?>
            {
                ["ANSIBLE_LOCAL_TEMP"] = _dir.File("ansible-tmp"),
                ["ANSIBLE_HOME"] = _dir.File("ansible-home"),
                ["ANSIBLE_NOCOLOR"] = "1",
                ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
            });

    public void Dispose() => _dir.Dispose();
}
