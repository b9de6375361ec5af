using Psstd.Agent.Configuration;
using Psstd.Agent.Configuration.Alerting;

namespace Psstd.Tests.Alerts;

public sealed class AlertTagsAndFingerprintTests
{
    private const string Rules = """
        rules:
          - name: db-disk
            metric: root_fs
            above: 85
            tags: [role=db, rack=a]
        """;

    [Fact]
    public void RuleWithTags_AppliesOnlyToNodesCarryingThemAll()
    {
        var rule = Assert.Single(AlertRulesParser.Parse(Rules).Rules);

        Assert.Equal(new Dictionary<string, string> { ["rack"] = "a", ["role"] = "db" }, rule.Tags);
        Assert.True(rule.AppliesTo("node-1", new Dictionary<string, string> { ["role"] = "db", ["rack"] = "a", ["zone"] = "x" }));
        Assert.False(rule.AppliesTo("node-1", new Dictionary<string, string> { ["role"] = "db" }));
        Assert.False(rule.AppliesTo("node-1", new Dictionary<string, string> { ["role"] = "db", ["rack"] = "b" }));
        Assert.False(rule.AppliesTo("node-1"));
    }

    [Theory]
    [InlineData("tags: []", "empty list")]
    [InlineData("tags: [Role=db]", "lower-case letters")]
    [InlineData("tags: [role]", "must be key=value")]
    [InlineData("tags: [\"role=db,rack=a\"]", "field \"tags\"")]
    public void BrokenTags_AreNamed(string field, string expected)
    {
        var result = AlertRulesParser.Parse($"rules:\n  - name: r\n    metric: cpu\n    above: 90\n    {field}\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("rule \"r\"", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_NamesTheRulesAndWhereTheyAreSent_NotTheSecret()
    {
        var rules = AlertRulesParser.Parse(Rules).Rules;
        var reformatted = AlertRulesParser.Parse("rules:\n\n  - {name: db-disk, metric: root_fs, above: 85, tags: [rack=a, role=db]}\n").Rules;
        var other = AlertRulesParser.Parse(Rules.Replace("85", "86", StringComparison.Ordinal)).Rules;
        var hook = new AlertWebhookSettings(new Uri("https://hooks.example/a"), AlertWebhookFormat.Psstd, null);
        var withSecret = hook with { Header = AlertWebhookHeader.TryParse("Authorization: Bearer s3cret") };

        var fingerprint = AlertsFingerprint.Of(rules, hook);

        Assert.Matches("^[0-9a-f]{16}$", fingerprint);
        Assert.Equal(fingerprint, AlertsFingerprint.Of(reformatted, hook));
        Assert.Equal(fingerprint, AlertsFingerprint.Of(rules, withSecret));
        Assert.NotEqual(fingerprint, AlertsFingerprint.Of(other, hook));
        Assert.NotEqual(fingerprint, AlertsFingerprint.Of(rules, hook with { Url = new Uri("https://hooks.example/b") }));
        Assert.NotEqual(fingerprint, AlertsFingerprint.Of(rules, null));
        Assert.Equal("", AlertsFingerprint.Of([], hook));
    }
}
