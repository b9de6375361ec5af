using System.Net;
using Psstd.Contracts;
using Psstd.Bench.Processes;

namespace Psstd.Bench.Attack;

/// <summary>
/// Rows 1 and 2 of the trust issue against three real agents: forged versions of a running node sent to both of
/// its peers (a far-out generation, and the next one with the stranger's addresses; or tombstones), then the
/// seconds until every peer shows the real node fresh at its real address again, for 5 s running.
/// </summary>
internal static class IdentityAttack
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<Dictionary<string, object>> RunAsync(AttackOptions options, bool erase, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(3, options.AgentDll, null, cancellationToken);
        var victim = cluster.Members[2];
        var self = (await victim.SnapshotAsync(cancellationToken)).Nodes.Single(n => n.IsSelf);
        var stranger = new IPEndPoint(IPAddress.Parse("127.0.0.66"), 7947).ToString();
        byte[][] forged = erase
            ?
            [
                Attacker.Record(self.Id, self.Name, long.MaxValue, long.MaxValue, self.GossipAddress, "", forgotten: true),
                Attacker.Record(self.Id, self.Name, self.Generation, long.MaxValue, self.GossipAddress, "", forgotten: true),
            ]
            :
            [
                Attacker.Record(self.Id, self.Name, 1L << 62, 1, stranger, "http://evil.example/"),
                Attacker.Record(self.Id, self.Name, self.Generation + 1, 1, stranger, "http://evil.example/"),
            ];

        using var attacker = new Attacker(new IPEndPoint(IPAddress.Parse("127.0.0.66"), 0), options.Wire);
        var started = TimeProvider.System.GetTimestamp();
        foreach (var peer in cluster.Members.Take(2))
        {
            foreach (var record in forged)
            {
                attacker.SendRecords(peer.Gossip, [record]);
            }
        }

        TimeSpan? since = null;
        while (TimeProvider.System.GetElapsedTime(started) < GiveUp)
        {
            var shown = await ShownAsItselfAsync(cluster, self, cancellationToken);
            since = shown ? since ?? TimeProvider.System.GetElapsedTime(started) : null;
            if (since is { } start && TimeProvider.System.GetElapsedTime(started) - start >= Steady)
            {
                return Result(erase, Math.Round(start.TotalSeconds, 1));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        }

        return Result(erase, -1);
    }

    private static Dictionary<string, object> Result(bool erase, double recovered) => new()
    {
        ["kind"] = erase ? "erase" : "takeover",
        ["recovered_s"] = recovered,
    };

    private static async Task<bool> ShownAsItselfAsync(BenchCluster cluster, NodeSnapshot real, CancellationToken cancellationToken)
    {
        foreach (var peer in cluster.Members.Take(2))
        {
            var view = (await peer.SnapshotAsync(cancellationToken)).Nodes.SingleOrDefault(n => n.Id == real.Id);
            if (view is not { Health: NodeHealth.Fresh } || view.GossipAddress != real.GossipAddress || view.DashboardUrl != real.DashboardUrl)
            {
                return false;
            }
        }

        return true;
    }
}
