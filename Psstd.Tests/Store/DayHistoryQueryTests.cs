using Psstd.Agent.LocalApi;

namespace Psstd.Tests.Store;

/// <summary>The agent's history query over a full store: what the dashboard's 6 h and 24 h ranges ask for.</summary>
public sealed class DayHistoryQueryTests
{
    [Fact]
    public void ADay_InFourMinuteBuckets_IsAtMost361Points_EachTheMeanOfItsMinutes()
    {
        using var store = new StoreHarness(retention: "25h");
        var sequence = 0L;

        // 23 hours at a sample a minute (thinned rows look the same), then the raw hour at a sample every 5 s;
        // CPU alternates 20 % and 40 %, so every full bucket averages to 30 %.
        for (var minute = 0; minute < 23 * 60; minute++)
        {
            store.Receive(StoreHarness.Node(1, ++sequence, cpu: sequence % 2 == 0 ? 20 : 40));
            store.Writer.Tick();
            store.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        for (var step = 0; step < 720; step++)
        {
            store.Receive(StoreHarness.Node(1, ++sequence, cpu: sequence % 2 == 0 ? 20 : 40));
            store.Writer.Tick();
            store.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var now = store.Clock.GetUtcNow();
        var query = HistoryQuery.Parse(
            (now - TimeSpan.FromHours(24)).ToString("O"), now.ToString("O"), "4m", null, now, TimeSpan.FromSeconds(1), out var error);
        Assert.Equal("", error);

        var points = store.Queries.History(StoreHarness.Id(1), query!.Since, query.Until, query.Resolution);

        Assert.InRange(points.Count, 300, 361);
        Assert.All(points, p => Assert.Equal(0, p.At.ToUnixTimeMilliseconds() % 240_000));
        Assert.Equal(points.Count, points.Select(p => p.At).Distinct().Count());
        Assert.All(points.Skip(1).SkipLast(1), p => Assert.Equal(30.0, p.CpuBusyPercent));
    }

    [Theory]
    [InlineData("99999999999999999999s")]
    [InlineData("-4m")]
    [InlineData("4m; DROP TABLE history")]
    [InlineData("1e9h")]
    public void HostileResolution_IsRefused_NamingTheParameter(string resolution)
    {
        var now = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

        var query = HistoryQuery.Parse(null, null, resolution, null, now, TimeSpan.FromSeconds(1), out var error);

        Assert.Null(query);
        Assert.StartsWith($"resolution \"{resolution}\"", error, StringComparison.Ordinal);
    }
}
