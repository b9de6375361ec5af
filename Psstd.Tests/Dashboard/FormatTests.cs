using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Formatting;

namespace Psstd.Tests.Dashboard;

public sealed class FormatTests
{
    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1024L, "1.0 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(1048575L, "1.0 MiB")]
    [InlineData(3_328_599_655L, "3.1 GiB")]
    [InlineData(16_642_998_272L, "15.5 GiB")]
    [InlineData(2L * 1024 * 1024 * 1024 * 1024, "2.0 TiB")]
    [InlineData(long.MaxValue, "8.0 EiB")]
    public void Bytes_UsesBinaryUnitsWithOneDecimal(long bytes, string expected) =>
        Assert.Equal(expected, Format.Bytes(bytes));

    [Theory]
    [InlineData(0.0, "updated 0s ago")]
    [InlineData(0.4, "updated 0s ago")]
    [InlineData(0.999, "updated 0s ago")]
    [InlineData(12.7, "updated 12s ago")]
    [InlineData(59.9, "updated 59s ago")]
    [InlineData(60.0, "updated 1m 0s ago")]
    [InlineData(75.0, "updated 1m 15s ago")]
    [InlineData(3 * 3600 + 5.0, "updated 3h 0m ago")]
    [InlineData(86400 + 7200.0, "updated 1d 2h ago")]
    [InlineData(-3.0, "updated 0s ago")]
    [InlineData(double.NaN, "updated 0s ago")]
    [InlineData(double.PositiveInfinity, "updated 0s ago")]
    public void Age_NeverRoundsUp_AndReadsLikeAPersonWouldSayIt(double seconds, string expected) =>
        Assert.Equal(expected, Format.Age(seconds));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(36.5, 37)]
    [InlineData(36.49, 36)]
    [InlineData(99.6, 100)]
    [InlineData(140.0, 100)]
    [InlineData(-2.0, 0)]
    [InlineData(double.NaN, 0)]
    public void Percent_IsAWholeNumberFrom0To100(double value, int expected) =>
        Assert.Equal(expected, Format.Percent(value));

    [Theory]
    [InlineData(1L, 3L, 33)]
    [InlineData(5L, 0L, 0)]
    [InlineData(7L, 7L, 100)]
    public void Percent_OfAWhole_IsZeroWhenTheWholeIsUnknown(long part, long whole, int expected) =>
        Assert.Equal(expected, Format.Percent(part, whole));

    [Fact]
    public void Load_PrintsThreeAveragesLikeUptime() =>
        Assert.Equal("0.42 0.35 0.30", Format.Load(0.42, 0.349, 0.3));

    [Fact]
    public void AgentProblem_Unreachable_NamesTheSocketAndAsksAboutTheAgent() =>
        Assert.Equal(
            "The local psstd agent is not reachable at /run/psstd/agent.sock: Connection refused. Is psstd-agent running?",
            Format.AgentProblem(AgentOutcome.Unreachable, "Connection refused", "/run/psstd/agent.sock"));

    [Fact]
    public void AgentProblem_AnsweredWithError_QuotesTheAnswer() =>
        Assert.Equal(
            "The local psstd agent at /s answered with an error: HTTP 500 Internal Server Error from /v1/cluster.",
            Format.AgentProblem(AgentOutcome.AnsweredWithError, "HTTP 500 Internal Server Error from /v1/cluster", "/s"));
}
