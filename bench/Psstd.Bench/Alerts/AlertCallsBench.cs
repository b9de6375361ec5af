using System.Globalization;
using System.Text.Json;
using Psstd.Agent.Alerts;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Events;
using Psstd.Agent.Snapshots;
using Psstd.Bench.Simulation;

namespace Psstd.Bench.Alerts;

/// <summary>
/// How many webhook calls a simulated cluster makes per alert: the simulator's kill scenario (5 % of the nodes
/// die at once), with every live node running the agent's own alert round (rules, notifier choice, takeovers)
/// over its own view once a simulated second. The goal is one call per alert.
/// </summary>
internal static class AlertCallsBench
{
    private const string Rules = "rules:\n  - {name: node-down, metric: health, states: [suspect, offline], severity: critical}\n";

    public static string Run(int nodes, int seconds, int seed, TextWriter progress)
    {
        var options = new SimOptions { Nodes = nodes, Seconds = seconds, Scenario = Scenario.Kill, Seed = seed };
        var simulation = new Psstd.Bench.Simulation.Simulation(options);
        var rules = AlertRulesParser.Parse(Rules).Rules;

        // Candidates must have watched for the warm-up. The agent's (twice the TTL) would outlast this scenario's
        // cold start, where every node starts at 0 and the kill comes at 15 s; 5 s, once the nodes have heard of
        // each other, plays the part of a cluster that has run for a while.
        var warmUp = TimeSpan.FromSeconds(5);
        var sent = new List<AlertNotice>();
        var rounds = simulation.Nodes.Select(n => new AlertRound(
            new AlertEvaluator(rules, simulation.Clock),
            new NotifierCandidates(simulation.Clock, warmUp),
            new EventJournal(),
            notice => { sent.Add(notice with { ResolvedAt = simulation.Clock.GetUtcNow() }); return true; },
            "sim",
            n.Id,
            n.Record.Name,
            simulation.Clock,
            AlertRound.DefaultSettle)).ToArray();
        var wall = TimeProvider.System.GetTimestamp();
        simulation.EverySecond = now =>
        {
            foreach (var node in simulation.Nodes.Where(n => n.Alive))
            {
                var snapshot = ClusterSnapshotFactory.Create("sim", node.Record, node.Stride, node.Cluster.Entries(), seen => simulation.Clock.GetElapsedTime(seen));
                rounds[node.Index].Run(snapshot.Nodes);
            }

            if (now.Ticks % TimeSpan.FromSeconds(5).Ticks == 0)
            {
                progress.WriteLine($"simulated {now.TotalSeconds:0} of {seconds} s, wall {TimeProvider.System.GetElapsedTime(wall).TotalSeconds:0} s, calls {sent.Count}");
            }
        };
        var report = simulation.Run();

        var alerts = simulation.Nodes.Where(n => !n.Alive).Select(n => n.Record.Name).ToHashSet(StringComparer.Ordinal);
        var perAlert = alerts.ToDictionary(a => a, a => sent.Count(s => s.Node == a && s.State == "firing"), StringComparer.Ordinal);
        foreach (var (alert, calls) in perAlert.Where(p => p.Value > 1))
        {
            progress.WriteLine($"{alert}: {string.Join(", ", sent.Where(s => s.Node == alert).Select(s => $"{s.State} by {s.Sender} at {s.ResolvedAt:mm:ss} key {s.Key}"))}");
        }

        var keys = alerts.ToDictionary(a => a, a => sent.Where(s => s.Node == a).Select(s => s.Key).Distinct().Count(), StringComparer.Ordinal);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["nodes"] = nodes,
            ["seconds"] = seconds,
            ["seed"] = seed,
            ["alerts"] = alerts.Count,
            ["firing_calls"] = perAlert.Values.Sum(),
            ["calls_per_alert"] = Math.Round(perAlert.Values.Sum() / (double)Math.Max(1, alerts.Count), 3),
            ["max_calls_for_one_alert"] = perAlert.Values.DefaultIfEmpty(0).Max(),
            ["alerts_never_sent"] = perAlert.Values.Count(v => v == 0),
            ["max_keys_for_one_alert"] = keys.Values.DefaultIfEmpty(0).Max(),
            ["other_calls"] = sent.Count(s => !alerts.Contains(s.Node)),
            ["detect_p99_s"] = report.DetectP99Seconds ?? double.NaN,
            ["wall_s"] = Math.Round(TimeProvider.System.GetElapsedTime(wall).TotalSeconds, 1),
        });
    }

    /// <summary>The command line: <c>alerts [--nodes N] [--seconds S] [--seed K]</c>; prints one JSON object.</summary>
    public static int Command(string[] args)
    {
        int Arg(string name, int fallback, int max)
        {
            var i = Array.IndexOf(args, name);
            return i < 0 ? fallback
                : i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max ? v
                : throw new FormatException($"{name} must be a whole number from 1 to {max}");
        }

        try
        {
            Console.WriteLine(Run(Arg("--nodes", 1000, 100_000), Arg("--seconds", 40, 3_600), Arg("--seed", 1, int.MaxValue), Console.Error));
            return 0;
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"psstd-bench alerts: {ex.Message}");
            return 2;
        }
    }
}
