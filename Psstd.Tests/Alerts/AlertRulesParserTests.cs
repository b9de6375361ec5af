using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;

namespace Psstd.Tests.Alerts;

public sealed class AlertRulesParserTests
{
    private static AlertRule Single(string yaml)
    {
        var result = AlertRulesParser.Parse(yaml);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Rules);
    }

    private static string OneError(string yaml)
    {
        var result = AlertRulesParser.Parse(yaml);
        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void EveryField_IsRead()
    {
        var rule = Single("""
            rules:
              - name: cpu-high
                metric: cpu
                above: 90
                clear: 80
                for: 5m
                severity: critical
                nodes: ["db-*", "web-?"]
            """);

        Assert.Equal("cpu-high", rule.Name);
        Assert.Equal(AlertMetric.Cpu, rule.Metric);
        Assert.Equal(AlertComparison.Above, rule.Comparison);
        Assert.Equal(90, rule.Threshold);
        Assert.Equal(80, rule.Clear);
        Assert.Equal(TimeSpan.FromMinutes(5), rule.For);
        Assert.Equal(AlertSeverity.Critical, rule.Severity);
        Assert.Equal(["db-*", "web-?"], rule.Nodes.Select(p => p.Text));
        Assert.Equal(2, rule.Line);
        Assert.Equal("cpu above 90 % for 5m", rule.Describe());
    }

    [Fact]
    public void LeftOut_Fields_TakeTheirDefaults()
    {
        var rule = Single("rules:\n  - {name: mem, metric: memory, below: 5}\n");

        Assert.Equal(AlertComparison.Below, rule.Comparison);
        Assert.Equal(5, rule.Clear);
        Assert.Equal(TimeSpan.Zero, rule.For);
        Assert.Equal(AlertSeverity.Warning, rule.Severity);
        Assert.Empty(rule.Nodes);
        Assert.True(rule.AppliesTo("anything"));
    }

    [Fact]
    public void HealthRule_ReadsStates_AndDefaultsToOffline()
    {
        var rules = AlertRulesParser.Parse("""
            rules:
              - name: down
                metric: health
                states: [offline, suspect, left]
                for: 1m30s
              - name: off
                metric: health
            """).Rules;

        Assert.Equal([NodeHealth.Suspect, NodeHealth.Offline, NodeHealth.Left], rules[0].States);
        Assert.Equal("node suspect or offline or left for 1m30s", rules[0].Describe());
        Assert.Equal([NodeHealth.Offline], rules[1].States);
    }

    [Fact]
    public void JsonForm_IsRead()
    {
        var rule = Single("""
            {"rules": [{"name": "rx", "metric": "net_rx", "above": "10MB", "clear": 5000000, "for": "30s",
                        "severity": "info", "nodes": ["edge-*"]}]}
            """);

        Assert.Equal(AlertMetric.NetRx, rule.Metric);
        Assert.Equal(10_000_000, rule.Threshold);
        Assert.Equal(5_000_000, rule.Clear);
        Assert.Equal(TimeSpan.FromSeconds(30), rule.For);
        Assert.Equal(AlertSeverity.Info, rule.Severity);
        Assert.Equal("net_rx above 10 MB/s for 30s", rule.Describe());
    }

    [Theory]
    [InlineData("net_tx", "10MB", 10e6)]
    [InlineData("net_tx", "512KiB", 524_288)]
    [InlineData("disk_read", "1GiB", 1_073_741_824)]
    [InlineData("disk_write", "1.5 GB/s", 1.5e9)]
    [InlineData("disk_write", "2kB", 2_000)]
    [InlineData("disk_write", "300", 300)]
    [InlineData("disk_write", "300B", 300)]
    [InlineData("cpu", "90%", 90)]
    [InlineData("cpu_busiest_core", "99.5", 99.5)]
    [InlineData("load1_per_core", "1.5", 1.5)]
    public void Thresholds_AreReadInTheMetricsUnit(string metric, string above, double expected) =>
        Assert.Equal(expected, Single($"rules:\n  - name: r\n    metric: {metric}\n    above: {above}\n").Threshold);

    [Theory]
    [InlineData("for: 5x", "rule \"cpu-high\" (line 6): field \"for\": \"5x\" is not a duration (like 30s, 5m, 1h) of at most 168h")]
    [InlineData("fro: 5m", "rule \"cpu-high\" (line 6): field \"fro\" is not a known field (name, metric, above, below, clear, for, severity, nodes, tags, states)")]
    [InlineData("below: 10", "rule \"cpu-high\" (line 2): both \"above\" and \"below\" are given; a cpu rule needs exactly one of them")]
    [InlineData("clear: 95", "rule \"cpu-high\" (line 6): field \"clear\": 95 % must be at or below the threshold (above: 90 %), where the alert resolves")]
    [InlineData("severity: high", "rule \"cpu-high\" (line 6): field \"severity\": \"high\" must be info, warning or critical")]
    [InlineData("nodes: [\"db 1\"]", "rule \"cpu-high\" (line 6): field \"nodes\": \"db 1\" must be a node name pattern of 1 to 255 characters without spaces (* any run, ? one character)")]
    [InlineData("nodes: []", "rule \"cpu-high\" (line 6): field \"nodes\" is an empty list, which would match no node; leave it out to match every node")]
    [InlineData("states: [offline]", "rule \"cpu-high\" (line 6): field \"states\" does not apply here: only a health rule has states")]
    [InlineData("for: {a: 1}", "rule \"cpu-high\" (line 6): field \"for\" must be a single value, not (a mapping)")]
    [InlineData("for: 200h", "rule \"cpu-high\" (line 6): field \"for\": \"200h\" is not a duration (like 30s, 5m, 1h) of at most 168h")]
    [InlineData("for: 99999999999999999h", "rule \"cpu-high\" (line 6): field \"for\": \"99999999999999999h\" is not a duration (like 30s, 5m, 1h) of at most 168h")]
    public void BrokenField_IsNamed_WithRuleAndLine(string extra, string expected) =>
        Assert.Equal(expected, OneError($"rules:\n  - name: cpu-high\n    metric: cpu\n    above: 90\n\n    {extra}\n"));

    [Theory]
    [InlineData("metric: cpu\n    above: 101", "rule \"r\" (line 4): field \"above\": \"101\" is not a percentage from 0 to 100 (like 90 or 90%)")]
    [InlineData("metric: cpu\n    above: -1", "rule \"r\" (line 4): field \"above\": \"-1\" is not a percentage from 0 to 100 (like 90 or 90%)")]
    [InlineData("metric: net_rx\n    above: 10XB", "rule \"r\" (line 4): field \"above\": \"10XB\" is not a rate in bytes per second of 0 or more (like 1000000, 10MB, 512KiB or 1GiB; kB, MB, GB, TB count in 1000s, KiB, MiB, GiB, TiB in 1024s)")]
    [InlineData("metric: net_rx\n    above: 10M", "rule \"r\" (line 4): field \"above\": \"10M\" is not a rate in bytes per second")]
    [InlineData("metric: load1_per_core\n    above: NaN", "rule \"r\" (line 4): field \"above\": \"NaN\" is not a load per core of 0 or more (like 2 or 1.5)")]
    [InlineData("metric: memory\n    below: 10\n    clear: 5", "rule \"r\" (line 5): field \"clear\": 5 % must be at or above the threshold (below: 10 %), where the alert resolves")]
    [InlineData("metric: memory", "rule \"r\" (line 2): neither \"above\" nor \"below\" is given; a memory rule needs exactly one of them")]
    [InlineData("metric: mem\n    above: 1", "rule \"r\" (line 3): field \"metric\": \"mem\" is not a metric; it must be one of cpu, cpu_busiest_core, memory, swap, root_fs, load1_per_core, net_rx, net_tx, disk_read, disk_write, health")]
    [InlineData("above: 1", "rule \"r\" (line 2): field \"metric\" is missing; it must be one of cpu, cpu_busiest_core")]
    [InlineData("metric: health\n    above: 1", "rule \"r\" (line 4): field \"above\" does not apply here: a health rule has no threshold: its condition is the node's health in states")]
    [InlineData("metric: health\n    states: [down]", "rule \"r\" (line 4): field \"states\": \"down\" is not a health state; it must be one of suspect, offline, stale, left")]
    [InlineData("metric: health\n    states: [fresh]", "rule \"r\" (line 4): field \"states\": \"fresh\" is not a health state")]
    public void BrokenThresholdOrMetric_IsNamed(string fields, string expectedStart) =>
        Assert.StartsWith(expectedStart, OneError($"rules:\n  - name: r\n    {fields}\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("rules:\n  - metric: cpu\n    above: 1\n", "rule 1 (line 2): field \"name\" is missing; every rule needs a unique name")]
    [InlineData("rules:\n  - name: CPU\n    metric: cpu\n    above: 1\n", "rule 1 (line 2): field \"name\": \"CPU\" must be 1 to 64 characters of a-z, 0-9, '-', '_' and '.'")]
    [InlineData("rules:\n  - name: a\n    metric: cpu\n    above: 1\n  - name: a\n    metric: swap\n    above: 1\n", "rule \"a\" (line 5): field \"name\": \"a\" is already the name of the rule on line 2; names must be unique")]
    [InlineData("rules:\n  - just-a-string\n", "rule 1 (line 2): must be a mapping of fields (name, metric, above, below, clear, for, severity, nodes, tags, states)")]
    [InlineData("rule:\n  - name: a\n", "line 1: field \"rule\" is not a known field (rules)")]
    [InlineData("rules: 3\n", "line 1: field \"rules\" must be a list of rules (- name: ... items)")]
    [InlineData("- name: a\n", "line 1: the file must be a mapping with a \"rules\" list (rules: followed by - name: ... items)")]
    [InlineData("rules: []\n---\nrules: []\n", "line 3: the file must hold one YAML document, not 2")]
    public void BrokenStructure_IsNamed(string yaml, string expected) => Assert.Equal(expected, OneError(yaml));

    [Theory]
    [InlineData("rules:\n  - name: a\n    name: b\n")]
    [InlineData("rules: [\n")]
    [InlineData("{\"rules\": [}")]
    [InlineData("rules:\n  - name: \"unterminated\n")]
    public void InvalidYaml_IsOneLineWithItsLine(string yaml) =>
        Assert.Matches(@"^line \d+: not valid YAML or JSON: \S", OneError(yaml));

    [Fact]
    public void EveryBrokenRule_IsReported_NotOnlyTheFirst()
    {
        var errors = AlertRulesParser.Parse("""
            rules:
              - name: a
                metric: cpu
                above: 90
                for: soon
              - name: b
                metric: swap
                severity: loud
                above: 50
                colour: red
            """).Errors;

        Assert.Equal(
            [
                "rule \"a\" (line 5): field \"for\": \"soon\" is not a duration (like 30s, 5m, 1h) of at most 168h",
                "rule \"b\" (line 10): field \"colour\" is not a known field (name, metric, above, below, clear, for, severity, nodes, tags, states)",
                "rule \"b\" (line 8): field \"severity\": \"loud\" must be info, warning or critical",
            ],
            errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("rules:\n")]
    [InlineData("rules: []\n")]
    [InlineData("{}")]
    public void NoRules_IsValid(string yaml)
    {
        var result = AlertRulesParser.Parse(yaml);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void DeepNesting_IsAnError_NotAStackOverflow()
    {
        var error = OneError("rules: " + new string('[', 200_000));

        Assert.StartsWith("line 1: not valid YAML or JSON: nested more than 8 levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyRules_AreRefused()
    {
        var yaml = "rules:\n" + string.Concat(Enumerable.Range(0, AlertRulesParser.MaxRules + 1).Select(i => $"  - {{name: r{i}, metric: cpu, above: 1}}\n"));

        Assert.Equal($"line 2: field \"rules\" holds {AlertRulesParser.MaxRules + 1} rules, at most {AlertRulesParser.MaxRules} are allowed", OneError(yaml));
    }

    [Fact]
    public void ErrorList_IsBounded()
    {
        var yaml = "rules:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"  - {{name: r{i}, metric: nope}}\n"));

        var errors = AlertRulesParser.Parse(yaml).Errors;

        Assert.Equal(AlertRulesParser.MaxErrors + 1, errors.Count);
        Assert.Equal($"and {200 - AlertRulesParser.MaxErrors} more errors", errors[^1]);
    }

    [Fact]
    public void ValuesInMessages_StayOnOneLine_AndShort()
    {
        var error = OneError("rules:\n  - name: r\n    metric: cpu\n    above: 1\n    for: \"5x\\n" + new string('y', 500) + "\"\n");

        Assert.Contains("\"5x\\u000ayyy", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }
}
