using Psstd.Dashboard.Preferences;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class UrlQueryTests
{
    [Fact]
    public void Parse_DecodesPairsInOrder()
    {
        var pairs = UrlQuery.Parse("?q=web%201&psstd_node=a+b&flag");

        Assert.Equal([new("q", "web 1"), new("psstd_node", "a b"), new("flag", "")], pairs);
    }

    [Fact]
    public void With_ReplacesInPlace_AppendsNew_RemovesEmpty()
    {
        var current = UrlQuery.Parse("psstd_node=a&sort=cpu&q=x");

        var next = UrlQuery.With(current, new("sort", "mem"), new("q", ""), new("dir", "asc"));

        Assert.Equal("/?psstd_node=a&sort=mem&dir=asc", UrlQuery.Build("/", next));
    }

    [Theory]
    [InlineData("http://b:8080/", "sort=cpu&psstd_node=a", "http://b:8080/?sort=cpu&psstd_node=a")]
    [InlineData("http://proxy/psstd/?psstd_node=b", "sort=cpu&psstd_node=a", "http://proxy/psstd/?psstd_node=b&sort=cpu")]
    [InlineData("https://b.example/x?team=ops#top", "q=web", "https://b.example/x?team=ops&q=web#top")]
    [InlineData("http://b:8080/", "", "http://b:8080/")]
    public void Rebase_PeerParametersWin_TheRestIsCarried(string peer, string carried, string expected) =>
        Assert.Equal(expected, UrlQuery.Rebase(peer, UrlQuery.Parse(carried)));

    [Fact]
    public void Build_EscapesKeysAndValues() =>
        Assert.Equal("/?q=a%26b%3Dc%20d", UrlQuery.Build("/", [new("q", "a&b=c d")]));
}
