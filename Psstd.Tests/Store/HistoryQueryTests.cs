using Psstd.Agent.LocalApi;
using Psstd.Contracts;

namespace Psstd.Tests.Store;

public sealed class HistoryQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Defaults_TheLastHour_AtTheNodesInterval_AsJson()
    {
        var query = Parse(null, null, null, null);

        Assert.Equal(new HistoryQuery(Now.AddHours(-1), Now, TimeSpan.FromSeconds(1), HistoryFormat.Json), query);
    }

    [Fact]
    public void OlderRange_DefaultsToOneMinute()
    {
        var query = Parse("2026-01-30T00:00:00Z", "2026-01-30T06:00:00+00:00", null, "CSV");

        Assert.Equal(new HistoryQuery(Now.AddDays(-1).AddHours(-12), Now.AddDays(-1).AddHours(-6), TimeSpan.FromMinutes(1), HistoryFormat.Csv), query);
    }

    [Theory]
    [InlineData("yesterday", null, null, null, "since \"yesterday\" must be an ISO 8601 time")]
    [InlineData(null, "soon", null, null, "until \"soon\" must be an ISO 8601 time")]
    [InlineData("2026-01-31T12:00:00Z", "2026-01-31T11:00:00Z", null, null, "must be before until")]
    [InlineData(null, null, "0s", null, "resolution \"0s\" must be a duration")]
    [InlineData(null, null, "fast", null, "resolution \"fast\" must be a duration")]
    [InlineData(null, null, "2d", null, "resolution \"2d\" must be")]
    [InlineData("2025-01-01T00:00:00Z", null, "1s", null, "more than 100000 points")]
    [InlineData(null, null, null, "xml", "format \"xml\" must be json, csv or ndjson")]
    public void BadValue_NamesTheParameterAndRule(string? since, string? until, string? resolution, string? format, string expected)
    {
        var query = HistoryQuery.Parse(since, until, resolution, format, Now, TimeSpan.FromSeconds(1), out var error);

        Assert.Null(query);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HasAHeaderAndOneLinePerPoint_InvariantCulture()
    {
        var point = new HistoryPoint(Now, 12.5, 99.5, 1024, 2048, 0, 1.25, 0.5, 0.01, 10, 20, 30, 40);

        var text = HistoryExport.Csv([point, point with { At = Now.AddSeconds(1) }]);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(HistoryExport.CsvHeader, lines[0]);
        Assert.Equal("2026-01-31T12:00:00.000Z,12.5,99.5,1024,2048,0,1.25,0.5,0.01,10,20,30,40", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(13, lines[0].Split(',').Length);
    }

    [Fact]
    public void Ndjson_IsOneJsonPointPerLine()
    {
        var point = new HistoryPoint(Now, 12.5, 99.5, 1024, 2048, 0, 1.25, 0.5, 0.01, 10, 20, 30, 40);

        var lines = HistoryExport.Ndjson([point, point]).TrimEnd('\n').Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.Equal(point, System.Text.Json.JsonSerializer.Deserialize(lines[1], LocalApiJsonContext.Default.HistoryPoint));
    }

    private static HistoryQuery? Parse(string? since, string? until, string? resolution, string? format)
    {
        var query = HistoryQuery.Parse(since, until, resolution, format, Now, TimeSpan.FromSeconds(1), out var error);
        Assert.Equal("", error);
        return query;
    }
}
