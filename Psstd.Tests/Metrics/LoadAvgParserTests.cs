using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class LoadAvgParserTests
{
    [Fact]
    public void Parse_CapturedLoadavg_ReadsThreeAverages()
    {
        Assert.Equal(new LoadAverage(0.60, 0.80, 0.37), LoadAvgParser.Parse(ProcFixtures.Read("captured/loadavg")));
    }

    [Fact]
    public void Parse_HighLoad_ReadsAllDigits()
    {
        Assert.Equal(new LoadAverage(128.5, 96.25, 64.125), LoadAvgParser.Parse("128.50 96.25 64.125 130/2048 99999\n"));
    }

    [Theory]
    [InlineData("1.5", 1.5, 0, 0)]
    [InlineData("1.5 2.5", 1.5, 2.5, 0)]
    [InlineData("1.5 x 3.5", 1.5, 0, 0)]
    [InlineData("NaN 1 2", 0, 0, 0)]
    [InlineData("-1 1 2", 0, 0, 0)]
    [InlineData("", 0, 0, 0)]
    public void Parse_ShortOrBadInput_ReadsWhatPrecedesTheProblem(string text, double one, double five, double fifteen)
    {
        Assert.Equal(new LoadAverage(one, five, fifteen), LoadAvgParser.Parse(text));
    }
}
