using System.Text.RegularExpressions;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Configuration;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Alerts;

public sealed partial class AlertRulesFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AgentSettings Read(string path) =>
        AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_ALERTS"] = path }, "host-a");

    private static string Rejects(string path)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(path));
        Assert.All(ex.Errors, e => Assert.Equal("PSSTD_ALERTS", e.Variable));
        Assert.All(ex.Errors, e => Assert.Equal(path, e.Value));
        Assert.DoesNotContain('\n', ex.Message);
        return ex.Message;
    }

    [Fact]
    public void Unset_OrEmpty_MeansNoAlerts()
    {
        Assert.Empty(AgentSettings.FromEnvironment(new Dictionary<string, string>(), "host-a").AlertRules);
        Assert.Empty(Read("").AlertRules);
    }

    [Fact]
    public void ValidFile_GivesItsRules()
    {
        var path = _dir.File("alerts.yaml");
        File.WriteAllText(path, "rules:\n  - name: cpu-high\n    metric: cpu\n    above: 90\n");

        Assert.Equal("cpu-high", Assert.Single(Read(path).AlertRules).Name);
    }

    [Fact]
    public void BrokenRule_StopsTheStart_NamingFileRuleAndField()
    {
        var path = _dir.File("alerts.yaml");
        File.WriteAllText(path, "rules:\n  - name: cpu-high\n    metric: cpu\n    above: 90\n    for: 5x\n  - name: b\n    metric: cpu\n");

        Assert.Equal(
            $"PSSTD_ALERTS=\"{path}\" is invalid: rule \"cpu-high\" (line 5): field \"for\": \"5x\" is not a duration (like 30s, 5m, 1h) of at most 168h; "
            + $"PSSTD_ALERTS=\"{path}\" is invalid: rule \"b\" (line 6): neither \"above\" nor \"below\" is given; a cpu rule needs exactly one of them",
            Rejects(path));
    }

    [Fact]
    public void MissingFile_IsAnError() =>
        Assert.Contains("is invalid: must name a readable rules file (", Rejects(_dir.File("nope.yaml")), StringComparison.Ordinal);

    [Fact]
    public void Directory_IsAnError() =>
        Assert.Contains("is invalid: must name a readable rules file (", Rejects(_dir.Path), StringComparison.Ordinal);

    [Fact]
    public void TooLargeFile_IsRefused_WithoutParsing()
    {
        var path = _dir.File("big.yaml");
        File.WriteAllText(path, "rules: []\n" + new string('#', AlertRulesFile.MaxBytes));

        Assert.EndsWith("is invalid: the rules file is larger than 1 MiB; is it the right file?", Rejects(path), StringComparison.Ordinal);
    }

    [Fact]
    public void NotUtf8_IsRefused()
    {
        var path = _dir.File("latin1.yaml");
        File.WriteAllBytes(path, [.. "rules: []\n# caf"u8, 0xE9, (byte)'\n']);

        Assert.EndsWith("is invalid: the rules file is not UTF-8 text", Rejects(path), StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMark_IsAccepted()
    {
        var path = _dir.File("bom.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "rules:\n  - {name: a, metric: swap, above: 50}\n"u8]);

        Assert.Single(Read(path).AlertRules);
    }

    [Fact]
    public void ShippedDefaults_AreAllCommentedOut_AndValidOnceUncommented()
    {
        var path = RepositoryRoot.File("deploy", "alerts", "alerts.yaml");
        var shipped = File.ReadAllText(path);

        var asShipped = AlertRulesParser.Parse(shipped);
        Assert.Empty(asShipped.Errors);
        Assert.Empty(asShipped.Rules);

        var uncommented = AlertRulesParser.Parse(CommentedYaml().Replace(shipped, "$1"));
        Assert.Empty(uncommented.Errors);
        Assert.Equal(["cpu-high", "root-fs-full", "memory-high", "load-high", "node-offline"], uncommented.Rules.Select(r => r.Name));
        Assert.Equal(
            ["cpu above 90 % for 5m", "root_fs above 85 %", "memory above 90 % for 5m", "load1_per_core above 2 per core for 10m", "node offline for 1m"],
            uncommented.Rules.Select(r => r.Describe()));
        Assert.Equal([80, 80, 90, 2], uncommented.Rules.Where(r => !r.IsHealth).Select(r => r.Clear));
    }

    /// <summary>A commented-out line of YAML ("#- name:", "#  metric:"), not a comment in words ("# CPU busy ...").</summary>
    [GeneratedRegex(@"^()# (?=- |  [a-z_]+:)", RegexOptions.Multiline)]
    private static partial Regex CommentedYaml();
}
