using Psstd.Dashboard.Preferences;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class CompareRequestTests
{
    [Fact]
    public void Read_KeepsTheOrder_EachNameOnce_NoEmptyOnes()
    {
        var request = CompareRequest.Read(UrlQuery.Parse("node=b&theme=dark&node=a&node=b&node=&node=%20&node=%20c%20"));

        Assert.Equal(["b", "a", "c"], request.Names);
        Assert.Equal(0, request.Dropped);
    }

    [Fact]
    public void Read_TenThousandNames_KeepsEight_AndCountsTheRest()
    {
        var query = Enumerable.Range(0, 10_000).Select(i => new KeyValuePair<string, string>("node", $"n{i}")).ToArray();

        var request = CompareRequest.Read(query);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"n{i}"), request.Names);
        Assert.Equal(9_992, request.Dropped);
    }

    [Fact]
    public void Read_AHugeName_IsCut()
    {
        var request = CompareRequest.Read([new("node", new string('x', 1_000_000))]);

        Assert.Equal(CompareRequest.MaxNameLength, Assert.Single(request.Names).Length);
    }
}
