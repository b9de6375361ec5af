using Psstd.Agent.Configuration.Alerting;

namespace Psstd.Tests.Alerts;

public sealed class AlertFormatTests
{
    [Theory]
    [InlineData(nameof(AlertUnit.Percent), 95.24, "95.2 %")]
    [InlineData(nameof(AlertUnit.LoadPerCore), 3.1, "load 3.10 per core")]
    [InlineData(nameof(AlertUnit.BytesPerSecond), 12_345_678, "12.3 MB/s")]
    [InlineData(nameof(AlertUnit.BytesPerSecond), 512, "512 B/s")]
    [InlineData(nameof(AlertUnit.BytesPerSecond), 999_999, "1 MB/s")]
    [InlineData(nameof(AlertUnit.BytesPerSecond), 1_500_000_000, "1.5 GB/s")]
    public void Values_ReadAsPeopleWriteThem(string unit, double value, string expected) =>
        Assert.Equal(expected, AlertFormat.Value(Enum.Parse<AlertUnit>(unit), value));

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(300, "5m")]
    [InlineData(3600, "1h")]
    [InlineData(0, "0s")]
    [InlineData(90_061, "25h1m1s")]
    public void Durations_UseTheRulesFileSyntax(int seconds, string expected) =>
        Assert.Equal(expected, AlertFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("db-*", "db-1", true)]
    [InlineData("db-*", "db-", true)]
    [InlineData("db-*", "web-db-1", false)]
    [InlineData("web-?", "web-1", true)]
    [InlineData("web-?", "web-10", false)]
    [InlineData("*-edge-*", "eu-edge-7", true)]
    [InlineData("*", "anything", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("DB-*", "db-1", false)]
    public void NodePatterns_Match(string pattern, string name, bool expected) =>
        Assert.Equal(expected, new NodePattern(pattern).Matches(name));

    [Fact]
    public void NodePattern_OnAHostileName_TakesNoBacktrackingBlowUp()
    {
        var pattern = new NodePattern(string.Concat(Enumerable.Repeat("*a", 100)) + "b");

        Assert.False(pattern.Matches(new string('a', 10_000)));
    }
}
