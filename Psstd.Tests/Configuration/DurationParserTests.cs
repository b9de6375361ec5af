using Psstd.Configuration;

namespace Psstd.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1_500)]
    public void GoStyleDurations_Parse(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationParser.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("s")]
    [InlineData("15 s")]
    [InlineData("15sec")]
    [InlineData("-5s")]
    [InlineData("1d")]
    [InlineData("99999999999999999999s")]
    [InlineData("9999999999999h")]
    [InlineData("200000000h200000000h200000000h")]
    public void Other_Text_IsRejected(string text) => Assert.Null(DurationParser.TryParse(text));

    [Fact]
    public void Format_RoundTrips()
    {
        Assert.Equal("15s", DurationParser.Format(TimeSpan.FromSeconds(15)));
        Assert.Equal("250ms", DurationParser.Format(TimeSpan.FromMilliseconds(250)));
    }
}
