using FsCheck;
using FsCheck.Fluent;
using Psstd.Agent.Alerts.Notifying;

namespace Psstd.Tests.Alerts;

/// <summary>The notifier choice: every agent alone, from the same membership, names the same single notifier.</summary>
public sealed class NotifierChoiceTests
{
    private static readonly string[] Rules = ["cpu-high", "disk-full", "node-down", "load", "r"];

    private static Guid[] Members(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Math.Clamp(count, 1, 60)).Select(_ => new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)))];
    }

    [Fact]
    public void EveryAgent_InAnyOrder_NamesTheSameNotifier_SoExactlyOneSends() =>
        Prop.ForAll<int, int, int>((seed, count, pick) =>
        {
            var members = Members(seed, count);
            var rule = Rules[Math.Abs(pick % Rules.Length)];
            var subject = members[Math.Abs(pick % members.Length)];
            var candidates = members.Where(m => m != subject).ToArray();
            var random = new Random(seed ^ pick);
            var senders = members.Count(agent =>
            {
                var ownView = candidates.ToArray();
                random.Shuffle(ownView);
                return NotifierChoice.Choose(rule, subject, ownView) == agent;
            });
            return senders == (candidates.Length == 0 ? 0 : 1);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void LosingACandidate_MovesOnlyItsOwnAlerts() =>
        Prop.ForAll<int, int, int>((seed, count, gone) =>
        {
            var members = Members(seed, Math.Abs(count % 40) + 2);
            var lost = members[Math.Abs(gone % members.Length)];
            var rest = members.Where(m => m != lost).ToArray();
            return Enumerable.Range(0, 40).All(i =>
            {
                var subject = Guid.NewGuid();
                var before = NotifierChoice.Choose($"rule-{i}", subject, members);
                var after = NotifierChoice.Choose($"rule-{i}", subject, rest);
                return before == lost ? after is { } next && next != lost : after == before;
            });
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Alerts_SpreadEvenly_OverTheCandidates()
    {
        var members = Members(seed: 7, count: 10);
        var counts = members.ToDictionary(m => m, _ => 0);
        for (var i = 0; i < 20_000; i++)
        {
            counts[NotifierChoice.Choose($"rule-{i % 7}", new Guid(i, 0, 0, new byte[8]), members)!.Value]++;
        }

        Assert.All(counts.Values, n => Assert.InRange(n, 1_700, 2_300)); // 2,000 each expected
    }

    [Fact]
    public void NoCandidates_NoNotifier() => Assert.Null(NotifierChoice.Choose("cpu-high", Guid.NewGuid(), []));

    [Fact]
    public void TheChoice_IsFixedAcrossProcessesAndReleases()
    {
        // Agents of different processes and releases must name the same notifier, so the choice is pinned:
        // a change here splits a mixed-version cluster's alerts between two notifiers (or none).
        var members = Enumerable.Range(1, 8).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}")).ToArray();
        var subject = new Guid("00000000-0000-0000-0000-0000000000aa");

        Assert.Equal(members[2], NotifierChoice.Choose("cpu-high", subject, members));
        Assert.Equal(members[3], NotifierChoice.Choose("node-down", subject, members.Reverse()));
    }
}
