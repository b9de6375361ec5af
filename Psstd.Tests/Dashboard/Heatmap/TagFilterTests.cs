using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.Heatmap.HeatmapNodes;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class TagFilterTests
{
    [Theory]
    [InlineData("rack=a", "rack", "a")]
    [InlineData("zone.eu-1=west 2", "zone.eu-1", "west 2")]
    [InlineData("gpu", "gpu", null)]
    public void TryParse_ValidFilters(string text, string key, string? value)
    {
        var filter = TagFilter.TryParse(text, out var problem);

        Assert.Equal(new TagFilter(key, value), filter);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData("Rack=a", TagFilter.KeyRule)]
    [InlineData("=a", TagFilter.KeyRule)]
    [InlineData("rack a=b", TagFilter.KeyRule)]
    [InlineData("<script>=x", TagFilter.KeyRule)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456=x", TagFilter.KeyRule)]
    [InlineData("rack=", TagFilter.ValueRule)]
    [InlineData("rack=a\u0000", TagFilter.ValueRule)]
    [InlineData("rack=a\u202Eb", TagFilter.ValueRule)]
    [InlineData("rack=a\nb", TagFilter.ValueRule)]
    [InlineData("k=a=b", TagFilter.ValueRule)] // a node's tag value never holds '=', so no filter needs one
    public void TryParse_RejectsBadKeysAndValues_NamingTheRule(string text, string rule)
    {
        Assert.Null(TagFilter.TryParse(text, out var problem));
        Assert.Equal(rule, problem);
    }

    [Fact]
    public void TryParse_ValueOf64IsTheLongest()
    {
        Assert.NotNull(TagFilter.TryParse("k=" + new string('v', 64), out _));
        Assert.Null(TagFilter.TryParse("k=" + new string('v', 65), out _));
    }

    [Fact]
    public void Matches_SameKeyIsEither_OtherKeysMustAllHold()
    {
        var a1 = WithCpu("n1", 10, tags: [("rack", "a"), ("zone", "1")]);
        var b1 = WithCpu("n2", 10, tags: [("rack", "b"), ("zone", "1")]);
        var c2 = WithCpu("n3", 10, tags: [("rack", "c"), ("zone", "2")]);
        var none = WithCpu("n4", 10);
        TagFilter[] filters = [new("rack", "a"), new("rack", "b"), new("zone", "1")];

        Assert.True(TagFilters.Matches(a1, filters));
        Assert.True(TagFilters.Matches(b1, filters));
        Assert.False(TagFilters.Matches(c2, filters));
        Assert.False(TagFilters.Matches(none, filters));
        Assert.True(TagFilters.Matches(none, []));
        Assert.True(TagFilters.Matches(c2, [new TagFilter("zone", null)]));
        Assert.False(TagFilters.Matches(c2, [new TagFilter("rack", "C")]));
    }

    [Fact]
    public void Read_KeepsEachValidFilterOnce_AtMostEight_AndSaysWhatItLeftOut()
    {
        var query = new List<KeyValuePair<string, string>> { new("tag", "rack=a"), new("tag", "rack=a"), new("tag", "Bad=1"), new("tag", "") };
        query.AddRange(Enumerable.Range(0, 10).Select(i => new KeyValuePair<string, string>("tag", $"k{i}=v")));

        var (filters, problems) = TagFilters.Read(query);

        Assert.Equal(TagFilters.Max, filters.Count);
        Assert.Equal(new TagFilter("rack", "a"), filters[0]);
        Assert.Equal(["tag filter \"Bad=1\" ignored: a key is 1 to 32 of a-z, 0-9, '_', '.', '-'.", "3 more tag filters ignored: at most 8 apply."], problems);
    }

    [Fact]
    public void PreferencesAndCarriedLinks_KeepEveryTagFilter()
    {
        var address = new PageAddress("/", UrlQuery.Parse("tag=rack%3Da&tag=zone%3D1&tag=rack%3Da&sort=cpu&junk=1"));

        Assert.Equal([new TagFilter("rack", "a"), new TagFilter("zone", "1")], PreferenceReader.Read(address.Query).Tags);
        Assert.Equal("/?tag=rack%3Da&tag=zone%3D1&sort=cpu", address.Url);
    }
}
