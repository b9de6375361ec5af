using System.Globalization;
using System.Net;
using Psstd.Bench.Processes;

namespace Psstd.Bench.Attack;

/// <summary>
/// Row 3 of the trust issue: 150,000 forged nodes sent to one real agent in about 6 s; how many it holds and
/// what it costs in memory, against its idle size before the flood.
/// </summary>
internal static class FloodAttack
{
    private const int Forged = 150_000;
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(6);

    public static async Task<Dictionary<string, object>> RunAsync(AttackOptions options, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(2, options.AgentDll, null, cancellationToken);
        var target = cluster.Members[0];
        await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, cancellationToken); // settle
        var idle = target.Agent.RssMib();

        using var attacker = new Attacker(new IPEndPoint(IPAddress.Parse("127.0.0.66"), 0), options.Wire);
        var started = TimeProvider.System.GetTimestamp();
        const int perDatagram = 6;
        for (var sent = 0; sent < Forged; sent += perDatagram)
        {
            var records = Enumerable.Range(sent, perDatagram).Select(i => Attacker.Record(
                Guid.NewGuid(), $"fake-{i.ToString(CultureInfo.InvariantCulture)}", 1, 1, $"198.51.{i / 250 % 250}.{i % 250}:7947", "")).ToList();
            attacker.SendRecords(target.Gossip, records);
            var due = Spread * ((double)sent / Forged);
            if (TimeProvider.System.GetElapsedTime(started) < due)
            {
                await Task.Delay(due - TimeProvider.System.GetElapsedTime(started), TimeProvider.System, cancellationToken);
            }
        }

        var sendSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken); // what it took, merged and stored
        var held = (await target.SnapshotAsync(cancellationToken)).Nodes.Count;
        return new Dictionary<string, object>
        {
            ["kind"] = "flood",
            ["sent"] = Forged,
            ["send_s"] = Math.Round(sendSeconds, 1),
            ["held_nodes"] = held,
            ["idle_rss_mib"] = Math.Round(idle, 1),
            ["agent_rss_mib"] = Math.Round(target.Agent.RssMib(), 1),
        };
    }
}
