using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Alerts;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Agent.Events;
using Psstd.Agent.Notices;
using Psstd.Contracts;
using static Psstd.Tests.Alerts.AlertCluster;

namespace Psstd.Tests.Alerts;

/// <summary>
/// Several agents' rounds side by side on one clock, each with its own view: one notification per alert, the
/// takeover when the notifier dies, the resolution from whoever notifies then, events on every agent.
/// </summary>
public sealed class AlertRoundTests
{
    private const string DownRule = "rules:\n  - {name: down, metric: health, states: [suspect, offline], severity: critical}\n";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly string[] Names = ["a", "b", "c", "d"];
    private readonly List<string> _joined = [];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly List<AlertNotice> _sent = [];
    private long _tick = 1;
    private readonly Dictionary<string, Agent> _agents = [];
    private IReadOnlyList<AlertSilence> _silences = [];
    private readonly Dictionary<string, uint[]> _delivered = [];

    private sealed record Agent(AlertRound Round, EventJournal Journal);

    private Agent Start(string name)
    {
        var journal = new EventJournal();
        var round = new AlertRound(
            new AlertEvaluator(Rules(DownRule), _clock),
            new NotifierCandidates(_clock, WarmUp),
            journal,
            notice => { _sent.Add(notice); return true; },
            "lab",
            Id(name),
            name,
            _clock,
            Settle);
        return _agents[name] = new Agent(round, journal);
    }

    /// <summary>One second: every running agent judges the cluster, in which <paramref name="health"/> says who is how.</summary>
    private Dictionary<string, IReadOnlyList<FiringAlert>> Second(Func<string, NodeHealth> health, Func<string, long>? generation = null)
    {
        var boards = new Dictionary<string, IReadOnlyList<FiringAlert>>();
        foreach (var (name, agent) in _agents)
        {
            var view = Names.Concat(_joined).Select(n => Node(n, health: health(n), generation: generation?.Invoke(n) ?? 1, sequence: _tick) with { IsSelf = n == name, DeliveredNotices = _delivered.GetValueOrDefault(n, []) }).ToArray();
            boards[name] = agent.Round.Run(view, _silences);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        _tick++;
        return boards;
    }

    /// <summary>As many seconds as the settling time and one more: long enough for any decision to be taken.</summary>
    private Dictionary<string, IReadOnlyList<FiringAlert>> Settled(Func<string, NodeHealth> health, Func<string, long>? generation = null)
    {
        var boards = Second(health, generation);
        for (var s = 0; s < Settle.TotalSeconds; s++)
        {
            boards = Second(health, generation);
        }

        return boards;
    }

    private void StartAll()
    {
        foreach (var name in Names)
        {
            Start(name);
        }

        for (var s = 0; s < WarmUp.TotalSeconds + 1; s++)
        {
            Second(_ => NodeHealth.Fresh);
        }
    }

    [Fact]
    public void OneAgentSendsTheFiring_EveryAgentListsItWithTheSameNotifier_AndStoresTheEvent()
    {
        StartAll();
        _agents.Remove("d");

        Second(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh);
        Assert.Empty(_sent); // not before the views have had time to agree
        var boards = Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);

        var firing = Assert.Single(_sent);
        Assert.Equal(("firing", "down", "d", "critical", "lab"), (firing.State, firing.Rule, firing.Node, firing.Severity, firing.Cluster));
        Assert.Contains(firing.Sender, Names[..3]);
        Assert.All(boards.Values, board => Assert.Equal(firing.Sender, Assert.Single(board).Notifier));
        foreach (var agent in _agents.Values)
        {
            var events = new List<ClusterEvent>();
            agent.Journal.DrainTo(events);
            Assert.Equal(ClusterEventKind.AlertFiring, Assert.Single(events).Kind);
        }
    }

    [Fact]
    public void TheNotifierDies_AnotherSendsTheFiringAgainUnderTheSameKey_AndTheResolutionOnce()
    {
        StartAll();
        _agents.Remove("d");
        Settled(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh);
        var first = Assert.Single(_sent);

        var dead = first.Sender;
        _agents.Remove(dead);
        Second(n => n == "d" || n == dead ? NodeHealth.Suspect : NodeHealth.Fresh);
        Assert.Equal(2, _sent.Count(n => n.Node == "d")); // the takeover does not wait: the firing was decided long ago
        Settled(n => n == "d" || n == dead ? NodeHealth.Suspect : NodeHealth.Fresh);

        var again = _sent.Where(n => n.Node == "d").ToArray();
        Assert.Equal(2, again.Length);
        Assert.Equal(first.Key, again[1].Key);
        Assert.NotEqual(dead, again[1].Sender);
        var aboutDead = Assert.Single(_sent, n => n.Node == dead);
        Assert.Equal("firing", aboutDead.State);

        // d restarts (a new generation) and is fresh again: resolved once, by the notifier of the moment.
        Settled(n => n == dead ? NodeHealth.Suspect : NodeHealth.Fresh, n => n == "d" ? 2 : 1);
        var resolved = Assert.Single(_sent, n => n.Node == "d" && n.State == "resolved");
        Assert.Equal(first.Key, resolved.Key);
        Assert.Equal(again[1].Sender, resolved.Sender);
        Assert.NotNull(resolved.ResolvedAt);
    }

    [Fact]
    public void ARestartedAgent_IsNotHandedAlerts_UntilItHasWatchedForTheWarmUp()
    {
        StartAll();
        _agents.Remove("d");
        Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);
        var notifier = Assert.Single(_sent).Sender;

        // Every other agent restarts (new generations); the notifier keeps its alerts, and nobody sends twice.
        foreach (var name in Names.Where(n => n != "d" && n != notifier))
        {
            Start(name);
        }

        for (var s = 0; s < WarmUp.TotalSeconds * 2; s++)
        {
            var boards = Second(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh, n => n == "d" || n == notifier ? 1 : 2);
            Assert.All(boards.Values.Where(b => b.Count > 0), board => Assert.Equal(notifier, board[0].Notifier));
        }

        Assert.Single(_sent);
    }

    [Fact]
    public void AnAlertThatResolvesWithinTheSettlingTime_IsNeverSent_ButStaysInTheEvents()
    {
        StartAll();
        Second(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh);
        Settled(_ => NodeHealth.Fresh);

        Assert.Empty(_sent);
        var events = new List<ClusterEvent>();
        _agents["a"].Journal.DrainTo(events);
        Assert.Equal([ClusterEventKind.AlertFiring, ClusterEventKind.AlertResolved], events.Select(e => e.Kind));
    }

    [Fact]
    public void TheNotifierSendsOnce_EvenWhenItsViewOfWhoNotifiesWavers()
    {
        StartAll();
        _agents.Remove("d");
        Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);
        var notifier = Assert.Single(_sent).Sender;

        // A node joins that outranks the notifier for this alert; once it has watched long enough the notifier's
        // view hands the alert to it; then it is doubted for a moment and the alert comes back.
        var newcomer = Enumerable.Range(0, 100).Select(i => $"e{i}")
            .First(e => NotifierChoice.Choose("down", Id("d"), [Id(notifier), Id(e)]) == Id(e));
        _joined.Add(newcomer);
        for (var s = 0; s < WarmUp.TotalSeconds * 2; s++)
        {
            var doubted = s == WarmUp.TotalSeconds + 5;
            Second(n => n == "d" ? NodeHealth.Offline : doubted && n == newcomer ? NodeHealth.Suspect : NodeHealth.Fresh);
        }

        Assert.Single(_sent, n => n.Sender == notifier);
    }

    [Fact]
    public void WithoutRulesFiring_NothingIsSentOrListed()
    {
        StartAll();

        Assert.All(Second(_ => NodeHealth.Fresh).Values, Assert.Empty);
        Assert.Empty(_sent);
    }

    private static AlertSilence Silence(string rule, string node, bool honoured = true) =>
        new(Guid.NewGuid(), rule, node, 3600, "maintenance", Id("a"), "a", honoured);

    [Fact]
    public void SilencedFiring_IsHeld_ThenSentOnceWhenTheSilenceEnds_AndItsResolutionFollows()
    {
        StartAll();
        _agents.Remove("d");
        _silences = [Silence("do*", "d")];

        var boards = Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);
        Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);

        Assert.Empty(_sent);
        Assert.All(boards.Values, board => Assert.True(Assert.Single(board).Silenced));

        _silences = [];
        boards = Second(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);
        var firing = Assert.Single(_sent);
        Assert.Equal("firing", firing.State);
        Assert.Equal(firing.Sender, Assert.Single(boards[firing.Sender]).Notifier);
        Assert.All(boards.Values, board => Assert.False(Assert.Single(board).Silenced));

        Start("d");
        Settled(n => NodeHealth.Fresh, generation: n => n == "d" ? 2 : 1);
        Assert.Equal(["firing", "resolved"], _sent.Select(n => n.State));
    }

    [Fact]
    public void AlertSilencedFromFiringToResolution_SendsNothing()
    {
        StartAll();
        _agents.Remove("d");
        _silences = [Silence("", "")]; // every rule, every node

        Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);
        Start("d");
        Settled(n => NodeHealth.Fresh, generation: n => n == "d" ? 2 : 1);
        _silences = [];
        Settled(n => NodeHealth.Fresh, generation: n => n == "d" ? 2 : 1);

        Assert.Empty(_sent);
    }

    [Fact]
    public void SilenceThatDoesNotMatch_OrIsNotHonoured_HoldsNothing()
    {
        StartAll();
        _agents.Remove("d");
        _silences = [Silence("cpu-*", ""), Silence("", "c"), Silence("", "d", honoured: false)];

        var boards = Settled(n => n == "d" ? NodeHealth.Offline : NodeHealth.Fresh);

        Assert.Equal("firing", Assert.Single(_sent).State);
        Assert.All(boards.Values, board => Assert.False(Assert.Single(board).Silenced));
    }

    [Fact]
    public void TheNotifierDiesAfterItsWebhookAcceptedTheFiring_TheNextDoesNotRepeatIt_AndSendsTheResolutionOnce()
    {
        StartAll();
        _agents.Remove("d");
        Settled(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh);
        var first = Assert.Single(_sent);
        var dead = first.Sender;
        _delivered[dead] = [DeliveredNotices.Hash(first.Key, "firing")]; // its last record lists the delivery

        _agents.Remove(dead);
        Settled(n => n == "d" || n == dead ? NodeHealth.Suspect : NodeHealth.Fresh);

        Assert.Single(_sent, n => n.Node == "d");
        Settled(n => n == dead ? NodeHealth.Suspect : NodeHealth.Fresh, n => n == "d" ? 2 : 1);
        var resolved = Assert.Single(_sent, n => n.Node == "d" && n.State == "resolved");
        Assert.NotEqual(dead, resolved.Sender);
    }

    [Fact]
    public void ANoticeAPeerDelivered_IsNotSentAgain_EvenByItsNotifier()
    {
        StartAll();
        _agents.Remove("d");
        var key = Assert.Single(Second(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh)["a"]).Key;
        foreach (var name in Names)
        {
            _delivered[name] = [DeliveredNotices.Hash(key, "firing")]; // every peer claims it: whoever is chosen sees another's claim
        }

        Settled(n => n == "d" ? NodeHealth.Suspect : NodeHealth.Fresh);

        Assert.Empty(_sent);
    }
}
