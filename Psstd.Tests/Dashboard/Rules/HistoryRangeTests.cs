using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class HistoryRangeTests
{
    [Theory]
    [InlineData("range=1h", "1h", 3600, 30)]
    [InlineData("range=6h", "6h", 21_600, 60)]
    [InlineData("range=24h", "24h", 86_400, 240)]
    public void Read_KnownRanges(string query, string token, int seconds, int resolution)
    {
        var range = HistoryRange.Read(UrlQuery.Parse(query));

        Assert.Equal((token, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(resolution)), (range.Token, range.Length, range.Resolution));
    }

    [Theory]
    [InlineData("")]
    [InlineData("range=")]
    [InlineData("range=evil")]
    [InlineData("range=24H")]
    [InlineData("range=%2024h")]
    [InlineData("range=1h%0A")]
    [InlineData("range=99999999999999999999h")]
    [InlineData("range=-1h")]
    [InlineData("range=7d")]
    [InlineData("range=%3Cscript%3E")]
    [InlineData("range=evil&range=24h")]
    public void Read_AnythingElse_IsTheLastHour(string query) =>
        Assert.Same(HistoryRange.Hour, HistoryRange.Read(UrlQuery.Parse(query)));

    [Fact]
    public void Read_AHugeValue_IsTheLastHour() =>
        Assert.Same(HistoryRange.Hour, HistoryRange.Read([new("range", new string('9', 100_000) + "h")]));

    [Fact]
    public void EveryRange_FitsThePointBudget_AndTheStoresMinutePoints()
    {
        foreach (var range in HistoryRange.All)
        {
            Assert.InRange(range.Length / range.Resolution, 1, HistoryRange.MaxPoints);

            // Beyond the raw hour the store keeps one point a minute: finer buckets would be half empty.
            if (range.Length > TimeSpan.FromHours(1))
            {
                Assert.Equal(0, range.Resolution.Ticks % TimeSpan.FromMinutes(1).Ticks);
            }
        }
    }

    [Fact]
    public void Range_IsCarriedByLinks_LikeTheOtherPreferences()
    {
        var address = new PageAddress("/nodes/db", UrlQuery.Parse("range=6h&node=x&theme=dark"));

        Assert.Equal([new("range", "6h"), new("theme", "dark")], address.Carried());
    }

    [Fact]
    public void RangeLinks_SetTheRange_KeepTheRest_AndMarkTheCurrentOne()
    {
        var address = new PageAddress("/compare", UrlQuery.Parse("theme=dark&range=evil&node=a"));

        var links = RangeLinks.For(address.Path, address, HistoryRange.Read(address.Query), [new("node", "a")]);

        Assert.Equal(["1h", "6h", "24h"], links.Select(l => l.Token));
        Assert.Equal([true, false, false], links.Select(l => l.Active));
        Assert.Equal("/compare?theme=dark&range=24h&node=a", links[2].Url);
    }
}
