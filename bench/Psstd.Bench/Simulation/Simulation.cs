using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;

namespace Psstd.Bench.Simulation;

/// <summary>
/// Many agents' gossip cores in one process over an in-memory network, on one simulated clock with a
/// seeded random source: the same seed gives the same run.
/// </summary>
public sealed class Simulation
{
    private static readonly long Check = TimeSpan.FromMilliseconds(100).Ticks;
    private readonly SimOptions _options;
    private readonly SimClock _clock = new();
    private readonly SimScheduler _events;
    private readonly Random _random;
    private readonly List<SimNode> _nodes = [];
    private readonly SimNetwork _network;
    private readonly AgeHistogram _ages = new();
    private long _views;
    private long _offlineViews;
    private long _suspectViews;
    private long _missingViews;
    private readonly int _budget;
    private readonly int[] _numberOf; // node index -> catalog number
    private readonly SimNode[] _numbered; // catalog number -> node

    public Simulation(SimOptions options, GossipOptions? gossip = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _events = new SimScheduler(_clock);
        _random = new Random(options.Seed);
        _network = new SimNetwork(options, new Random(options.Seed + 1));
        gossip ??= new GossipOptions { Cluster = "sim", Interval = options.Interval };
        if (options.Fanout is { } fanout)
        {
            gossip = gossip with { Fanout = fanout };
        }

        if (options.Bandwidth is { } bandwidth)
        {
            gossip = gossip with { BandwidthBytesPerSecond = bandwidth };
        }

        _budget = gossip.BandwidthBytesPerSecond;

        // One number per node and one object per record version for all simulated states; versions up to
        // 16 s old are shared too (past the budget, relays deliver old ones).
        var catalog = new NodeCatalog(kept: 16);
        for (var i = 0; i < options.Nodes; i++)
        {
            var node = new SimNode(i, options, gossip, catalog, _network, _events, _clock, options.Seed * 7919 + i);
            _network.Attach(node);
            _nodes.Add(node);
        }

        _numberOf = new int[options.Nodes];
        _numbered = new SimNode[options.Nodes];
        foreach (var node in _nodes)
        {
            var number = catalog.Number(node.Id); // numbered up front, so each state sizes its array once
            _numberOf[node.Index] = number;
            _numbered[number] = node;
        }

        // Each node knows three seeds, as an operator would configure: the cluster must learn the rest.
        for (var i = 0; i < options.Nodes; i++)
        {
            _nodes[i].Engine.SetSeeds([.. Enumerable.Range(1, 3).Select(k => _nodes[(i + (k * 7)) % options.Nodes].Address).Where(a => !a.Equals(_nodes[i].Address)).Distinct()]);
        }

        // Start order: a seeded shuffle, spread evenly over the ramp (none: everyone within the first interval).
        var order = Enumerable.Range(0, options.Nodes).OrderBy(_ => _random.Next()).ToArray();
        for (var rank = 0; rank < order.Length; rank++)
        {
            var node = _nodes[order[rank]];
            var start = options.Ramp.Ticks * rank / options.Nodes;
            _events.At(start, node.Start);
            Recurring(start + _random.NextInt64(options.Interval.Ticks), options.Interval.Ticks, node.Publish);
            Recurring(start + _random.NextInt64(gossip.RoundInterval.Ticks), gossip.RoundInterval.Ticks, node.Tick);
        }
    }

    public IReadOnlyList<SimNode> Nodes => _nodes;

    public SimClock Clock => _clock;

    /// <summary>Called at every whole simulated second of <see cref="Run"/>, after that second's events: for benches that watch the nodes.</summary>
    public Action<TimeSpan>? EverySecond { get; set; }

    /// <summary>Runs events up to a simulated time without measuring anything (for tests that inspect the nodes).</summary>
    public void RunUntil(TimeSpan time) => _events.RunUntil(time.Ticks);

    /// <summary>Runs the whole scenario and measures it.</summary>
    /// <param name="progress">Told every 5 simulated seconds how far the run is (long runs take minutes); null: silent.</param>
    public SimReport Run(TextWriter? progress = null)
    {
        var wall = TimeProvider.System.GetTimestamp();
        var end = TimeSpan.FromSeconds(_options.Seconds).Ticks;
        var warmUp = _options.WarmUp.Ticks;
        var eventAt = _options.EventAt.Ticks;
        var step = TimeSpan.FromSeconds(5).Ticks;
        var (offlineBefore, missingBefore) = (0L, 0L);
        void Report(long now)
        {
            if (now % step == 0)
            {
                var gc = GC.GetGCMemoryInfo();
                progress?.WriteLine(
                    $"simulated {TimeSpan.FromTicks(now).TotalSeconds:0} of {_options.Seconds} s, wall {TimeProvider.System.GetElapsedTime(wall).TotalSeconds:0} s, "
                    + $"started {_nodes.Count(n => n.Alive)}, heap {gc.HeapSizeBytes >> 20} MiB, gen2 GCs {GC.CollectionCount(2)}, GC pause {GC.GetTotalPauseDuration().TotalSeconds:0} s, "
                    + $"views in the last 5 s: offline {_offlineViews - offlineBefore}, missing {_missingViews - missingBefore}");
                (offlineBefore, missingBefore) = (_offlineViews, _missingViews);
            }
        }

        long? knownByAll = null;
        var knownUntil = _options.Scenario == Scenario.Steady ? end : eventAt;
        void CheckKnown(long now)
        {
            if (knownByAll is null && now <= knownUntil && now >= _options.Ramp.Ticks && EveryStartedNodeHoldsEveryOther())
            {
                knownByAll = now - _options.Ramp.Ticks;
            }
        }

        void Second(long now)
        {
            if (now % TimeSpan.TicksPerSecond == 0)
            {
                EverySecond?.Invoke(TimeSpan.FromTicks(now));
            }
        }

        for (var now = Check; now < warmUp; now += Check)
        {
            _events.RunUntil(now);
            Second(now);
            CheckKnown(now);
            Report(now);
        }

        _events.RunUntil(warmUp);
        var inAtWarmUp = _nodes.ConvertAll(n => n.Counters.BytesIn);
        var outAtWarmUp = _nodes.ConvertAll(n => n.Counters.BytesOut);
        var bytesInAtWarmUp = inAtWarmUp.Sum();
        var bytesOutAtWarmUp = outAtWarmUp.Sum();

        List<SimNode> victims = [];
        var detection = new Dictionary<SimNode, double>();
        double? healSeconds = null;
        var healAt = eventAt + _options.PartitionLength.Ticks;
        var nextSample = warmUp;
        for (var now = warmUp; now <= end; now += Check)
        {
            _events.RunUntil(now);
            if (now >= eventAt && victims.Count == 0)
            {
                victims = StartScenario();
            }

            if (_options.Scenario == Scenario.Partition && now >= healAt)
            {
                _network.Side = null;
                if (healSeconds is null && EveryoneSeesEveryoneFresh())
                {
                    healSeconds = TimeSpan.FromTicks(now - healAt).TotalSeconds;
                }
            }

            foreach (var victim in victims)
            {
                if (!detection.ContainsKey(victim) && EveryLiveObserverDoubts(victim))
                {
                    detection[victim] = TimeSpan.FromTicks(now - eventAt).TotalSeconds;
                }
            }

            Second(now);
            CheckKnown(now);
            if (now >= nextSample)
            {
                SampleViews();
                nextSample += TimeSpan.TicksPerSecond;
            }

            Report(now);
        }

        var measured = TimeSpan.FromTicks(end - warmUp).TotalSeconds;
        var live = _nodes.Count(n => n.Alive);
        var recordBytes = _nodes[0].Cluster.Current(_nodes[0].Id)?.Encoded.Length ?? 0;
        var detect = victims.Count == 0 ? (double?)null : Percentile(victims.Select(v => detection.GetValueOrDefault(v, double.PositiveInfinity)), 0.99);
        return new SimReport
        {
            Nodes = _options.Nodes,
            Seconds = _options.Seconds,
            Scenario = _options.Scenario.ToString().ToLowerInvariant(),
            Loss = _options.Loss,
            DelayMs = _options.Delay.TotalMilliseconds,
            Seed = _options.Seed,
            RampSeconds = _options.Ramp.TotalSeconds,
            P50AgeSeconds = _ages.Percentile(0.50),
            P99AgeSeconds = _ages.Percentile(0.99),
            MaxAgeSeconds = _ages.MaxSeconds,
            FalseOfflineShare = _views == 0 ? 0 : (double)_offlineViews / _views,
            FalseSuspectShare = _views == 0 ? 0 : (double)_suspectViews / _views,
            MissingShare = _views == 0 ? 0 : (double)_missingViews / _views,
            KnownByAllSeconds = knownByAll is { } known ? TimeSpan.FromTicks(known).TotalSeconds : double.PositiveInfinity,
            DetectP99Seconds = _options.Scenario == Scenario.Kill ? detect : null,
            LeaveP99Seconds = _options.Scenario == Scenario.Leave ? detect : null,
            HealSeconds = _options.Scenario == Scenario.Partition ? healSeconds ?? double.PositiveInfinity : null,
            BudgetBytesPerSecond = _budget,
            BytesInPerNodePerSecond = (_nodes.Sum(n => n.Counters.BytesIn) - bytesInAtWarmUp) / (double)live / measured,
            BytesOutPerNodePerSecond = (_nodes.Sum(n => n.Counters.BytesOut) - bytesOutAtWarmUp) / (double)live / measured,
            MinBytesInPerNodePerSecond = (_options.Nodes - 1) * (double)recordBytes / _options.Interval.TotalSeconds,
            RecordBytes = recordBytes,
            RoundsOverBudget = _nodes.Sum(n => n.Counters.RoundsOverBudget),
            MaxBytesInPerNodePerSecond = _nodes.Where(n => n.Alive).Max(n => n.Counters.BytesIn - inAtWarmUp[n.Index]) / measured,
            MaxBytesOutPerNodePerSecond = _nodes.Where(n => n.Alive).Max(n => n.Counters.BytesOut - outAtWarmUp[n.Index]) / measured,
            PublishIntervalSeconds = _nodes.Where(n => n.Alive).Max(n => n.Stride) * _options.Interval.TotalSeconds,
            RepliesRefused = _nodes.Sum(n => n.Counters.RepliesRefused),
            BytesOutByKind = _network.BytesByKind.OrderByDescending(k => k.Value).ToDictionary(k => k.Key, k => Math.Round(k.Value / (double)_nodes.Count / _options.Seconds)),
            WallSeconds = TimeProvider.System.GetElapsedTime(wall).TotalSeconds,
        };
    }

    private List<SimNode> StartScenario()
    {
        switch (_options.Scenario)
        {
            case Scenario.Kill or Scenario.Leave:
                var victims = _nodes.OrderBy(_ => _random.Next()).Take(Math.Max(1, _options.Nodes / 20)).ToList();
                victims.ForEach(v =>
                {
                    if (_options.Scenario == Scenario.Leave)
                    {
                        v.Leave();
                    }
                    else
                    {
                        v.Kill();
                    }
                });
                return victims;
            case Scenario.Partition:
                _network.Side = n => n.Index < _options.Nodes / 2 ? 0 : 1;
                return [];
            default:
                return [];
        }
    }

    private void SampleViews()
    {
        var now = _clock.Ticks;
        var counted = new bool[_numbered.Length]; // by catalog number: which live peers this observer holds
        foreach (var observer in _nodes)
        {
            if (!observer.Alive)
            {
                continue;
            }

            Array.Clear(counted);
            observer.Cluster.JudgeEach((number, health, seen) =>
            {
                var target = _numbered[number];
                if (!target.Alive || ReferenceEquals(target, observer) || (_network.Side is { } side && side(target) != side(observer)))
                {
                    return;
                }

                counted[number] = true;
                _views++;
                _ages.Add(TimeSpan.FromTicks(now - seen));
                switch (health)
                {
                    case NodeHealth.Offline:
                        _offlineViews++;
                        break;
                    case NodeHealth.Suspect:
                        _suspectViews++;
                        break;
                }
            });

            foreach (var target in _nodes)
            {
                if (target.Alive && !ReferenceEquals(target, observer) && !counted[_numberOf[target.Index]]
                    && (_network.Side is not { } side || side(target) == side(observer)))
                {
                    _views++;
                    _missingViews++; // a live peer this observer does not hold at all
                }
            }
        }
    }

    /// <summary>
    /// True when every started node holds every started node, itself included (its first record has
    /// been published). Meant for the time before any node dies: a dead node is still held.
    /// </summary>
    private bool EveryStartedNodeHoldsEveryOther()
    {
        var started = 0;
        foreach (var node in _nodes)
        {
            started += node.Alive ? 1 : 0;
        }

        foreach (var node in _nodes)
        {
            if (node.Alive && node.Cluster.Count != started)
            {
                return false;
            }
        }

        return true;
    }

    private bool EveryLiveObserverDoubts(SimNode victim)
    {
        foreach (var observer in _nodes)
        {
            if (!observer.Alive)
            {
                continue;
            }

            if (observer.Cluster.Judge(victim.Id) is (not (NodeHealth.Offline or NodeHealth.Suspect or NodeHealth.Left), _, _))
            {
                return false;
            }
        }

        return true;
    }

    private bool EveryoneSeesEveryoneFresh()
    {
        foreach (var observer in _nodes)
        {
            foreach (var target in _nodes)
            {
                if (ReferenceEquals(observer, target))
                {
                    continue;
                }

                if (observer.Cluster.Judge(target.Id) is not (NodeHealth.Fresh, _, _))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void Recurring(long first, long period, Action action)
    {
        void Run()
        {
            action();
            _events.At(_events.Now + period, Run);
        }

        _events.At(first, Run);
    }

    private static double Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}
