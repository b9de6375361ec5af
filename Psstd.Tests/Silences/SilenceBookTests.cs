using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Silences;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Silences;

public sealed class SilenceBookTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    private static bool Fits(IReadOnlyList<SilenceClaim> silences) => true;

    [Fact]
    public void Silence_CountsDownOnTheClock_AndEnds()
    {
        var book = new SilenceBook(_state.Path, _clock);

        var set = book.Add("cpu-*", "web-?", TimeSpan.FromMinutes(10), "upgrade", Fits, out var error);
        _clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal("", error);
        var running = Assert.Single(book.Claims());
        Assert.Equal(set! with { Remaining = TimeSpan.FromMinutes(6) }, running);
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Empty(book.Claims());
    }

    [Fact]
    public void Silence_IsKeptOverARestart_CountingTheTimeTheAgentWasDown()
    {
        var set = new SilenceBook(_state.Path, _clock).Add("", "db-1", TimeSpan.FromHours(2), "", Fits, out _);
        var later = new FakeTimeProvider(_clock.GetUtcNow() + TimeSpan.FromMinutes(30)); // a new process: a new monotonic clock

        var restarted = new SilenceBook(_state.Path, later);

        var running = Assert.Single(restarted.Claims());
        Assert.Equal((set!.Id, "db-1", TimeSpan.FromMinutes(90)), (running.Id, running.Node, running.Remaining));
        Assert.Empty(new SilenceBook(_state.Path, new FakeTimeProvider(_clock.GetUtcNow() + TimeSpan.FromHours(3))).Claims());
    }

    [Fact]
    public void DamagedFile_LosesTheSilences_NotTheAgent()
    {
        File.WriteAllText(_state.File(SilenceBook.FileName), "{ not json");

        Assert.Empty(new SilenceBook(_state.Path, _clock).Claims());
    }

    [Theory]
    [InlineData("cpu high", "", 60, "", "rule 'cpu high' must be a pattern")]
    [InlineData("", "node\u0001", 60, "", "node 'node\u0001' must be a pattern")]
    [InlineData("", "", 59, "", "for must be between 1m and 30d")]
    [InlineData("", "", 30 * 86400 + 1, "", "for must be between 1m and 30d")]
    [InlineData("", "", 60, "a\nb", "comment must be at most 80 bytes")]
    public void BrokenSilence_IsRefused_NamingTheField(string rule, string node, int seconds, string comment, string expected)
    {
        var book = new SilenceBook(_state.Path, _clock);

        Assert.Null(book.Add(rule, node, TimeSpan.FromSeconds(seconds), comment, Fits, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Empty(book.Claims());
    }

    [Fact]
    public void NoMoreThanANodeCarries_NorMoreThanItsRecordHolds()
    {
        var book = new SilenceBook(_state.Path, _clock);
        for (var i = 0; i < SilenceClaim.MaxPerNode; i++)
        {
            Assert.NotNull(book.Add($"r{i}", "", TimeSpan.FromHours(1), "", Fits, out _));
        }

        Assert.Null(book.Add("one-more", "", TimeSpan.FromHours(1), "", Fits, out var full));
        Assert.Contains("already runs 8 silences", full, StringComparison.Ordinal);
        Assert.True(book.Remove(book.Claims()[0].Id));
        Assert.Null(book.Add("too-big", "", TimeSpan.FromHours(1), "", _ => false, out var big));
        Assert.Contains("would no longer fit", big, StringComparison.Ordinal);
        Assert.False(book.Remove(Guid.NewGuid()));
    }

    public void Dispose() => _state.Dispose();
}
