using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Contracts;
using Psstd.Tests.Dashboard;

namespace Psstd.Tests.Alerts;

/// <summary>Who may notify: agents that have watched the cluster for the warm-up, never the alert's subject.</summary>
public sealed class NotifierCandidatesTests
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _clock = new();

    private static NodeSnapshot Node(string name, NodeHealth health = NodeHealth.Fresh, long generation = 1, bool self = false) =>
        TestSnapshots.Node(name, health, isSelf: self) with { Id = IdOf(name), Generation = generation };

    private static Guid IdOf(string name)
    {
        var bytes = new byte[16];
        System.Text.Encoding.ASCII.GetBytes(name, bytes);
        return new Guid(bytes);
    }

    [Fact]
    public void BeforeAnyoneHasWatchedLongEnough_EveryLiveNodeButTheSubject_IsACandidate()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        candidates.Observe([Node("a", self: true), Node("b"), Node("c"), Node("d", NodeHealth.Offline)]);

        Assert.Equal(new[] { IdOf("a"), IdOf("c") }.Order(), candidates.For(IdOf("b")).Order());
    }

    [Fact]
    public void ANodeSeenFreshForLessThanTheWarmUp_IsNotHandedAlerts_WhileOthersQualify()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        candidates.Observe([Node("a", self: true), Node("b")]);
        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true), Node("b"), Node("late")]);

        Assert.Equal(new[] { IdOf("a"), IdOf("b") }.Order(), candidates.For(IdOf("x")).Order());

        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true), Node("b"), Node("late")]);
        Assert.Contains(IdOf("late"), candidates.For(IdOf("x")));
    }

    [Fact]
    public void ARestart_EvenOneThatNeverLookedUnwell_StartsTheWatchAgain()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        candidates.Observe([Node("a", self: true), Node("b")]);
        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true), Node("b", generation: 2)]);

        Assert.Equal([IdOf("a")], candidates.For(IdOf("x")));
    }

    [Fact]
    public void ANodeThatStopsBeingFresh_LeavesTheCandidates_AndComingBackStartsOver()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        candidates.Observe([Node("a", self: true), Node("b")]);
        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true), Node("b", NodeHealth.Suspect)]);
        Assert.Equal([IdOf("a")], candidates.For(IdOf("x")));

        candidates.Observe([Node("a", self: true), Node("b")]);
        Assert.Equal([IdOf("a")], candidates.For(IdOf("x")));
    }

    [Fact]
    public void AStaleRecord_IsLateNotGone_AndKeepsItsPlace()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        candidates.Observe([Node("a", self: true), Node("b")]);
        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true), Node("b", NodeHealth.Stale)]);

        Assert.Equal(new[] { IdOf("a"), IdOf("b") }.Order(), candidates.For(IdOf("x")).Order());
    }

    [Fact]
    public void TheSubject_NeverNotifiesAboutItself_EvenAlone()
    {
        var candidates = new NotifierCandidates(_clock, WarmUp);
        _clock.Advance(WarmUp);
        candidates.Observe([Node("a", self: true)]);

        Assert.Empty(candidates.For(IdOf("a")));
        Assert.Equal([IdOf("a")], candidates.For(IdOf("b")));
    }
}
