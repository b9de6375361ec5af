using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Psstd.Bench.Processes;

namespace Psstd.Bench.Versus;

/// <summary>
/// N Serf agents on 127.0.0.1 (distinct gossip and RPC ports, LAN timing profile), joined to the first; members
/// read with <c>serf members -format=json</c> over each agent's RPC port. Every process is killed on dispose.
/// </summary>
internal sealed class SerfCluster : IDisposable
{
    public const string Program = "/usr/bin/serf";

    private SerfCluster()
    {
    }

    public List<(string Name, BenchProcess Process, int Rpc)> Members { get; } = [];

    /// <summary>Installs Debian's serf when missing (as root, with apt-get); throws saying how otherwise.</summary>
    public static void EnsureInstalled()
    {
        if (File.Exists(Program))
        {
            return;
        }

        using var apt = Process.Start(new ProcessStartInfo("apt-get") { ArgumentList = { "install", "-y", "-qq", "serf" }, UseShellExecute = false })
            ?? throw new InvalidOperationException("apt-get did not start");
        apt.WaitForExit();
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing and apt-get install serf failed: install Debian's serf package");
        }
    }

    public static async Task<SerfCluster> StartAsync(int nodes, CancellationToken cancellationToken)
    {
        var cluster = new SerfCluster();
        try
        {
            var first = 0;
            for (var i = 0; i < nodes; i++)
            {
                var bind = BenchCluster.FreePort();
                var rpc = BenchCluster.FreePort();
                first = i == 0 ? bind : first;
                var info = new ProcessStartInfo(Program)
                {
                    ArgumentList =
                    {
                        "agent", $"-node=serf-{i.ToString(CultureInfo.InvariantCulture)}", $"-bind=127.0.0.1:{bind.ToString(CultureInfo.InvariantCulture)}",
                        $"-rpc-addr=127.0.0.1:{rpc.ToString(CultureInfo.InvariantCulture)}", "-log-level=warn",
                    },
                };
                if (i > 0)
                {
                    info.ArgumentList.Add($"-retry-join=127.0.0.1:{first.ToString(CultureInfo.InvariantCulture)}"); // the first may not listen yet
                    info.ArgumentList.Add("-retry-interval=1s");
                }

                cluster.Members.Add(($"serf-{i.ToString(CultureInfo.InvariantCulture)}", new BenchProcess(info), rpc));
            }

            await cluster.UntilAsync(views => views.All(v => v.Count(m => m.Value == "alive") == nodes), TimeSpan.FromSeconds(60 + (3 * nodes)), null, cancellationToken);
            return cluster;
        }
        catch
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, cluster.Members.Select(m => m.Process.Output())));
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Each member's view, name to status (alive, failed, left, leaving), skipping <paramref name="except"/>.</summary>
    public async Task<List<Dictionary<string, string>>> ViewsAsync(string? except, CancellationToken cancellationToken)
    {
        var views = new List<Dictionary<string, string>>();
        foreach (var member in Members.Where(m => m.Name != except))
        {
            views.Add(await ViewAsync(member.Rpc, cancellationToken));
        }

        return views;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the views of every member but <paramref name="except"/>.</summary>
    public async Task UntilAsync(Func<List<Dictionary<string, string>>, bool> condition, TimeSpan within, string? except, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(within);
        while (!condition(await ViewsAsync(except, limit.Token)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, limit.Token);
        }
    }

    public static async Task<Dictionary<string, string>> ViewAsync(int rpc, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Program)
        {
            ArgumentList = { "members", $"-rpc-addr=127.0.0.1:{rpc.ToString(CultureInfo.InvariantCulture)}", "-format=json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var members = Process.Start(info) ?? throw new InvalidOperationException("serf members did not start");
        var output = await members.StandardOutput.ReadToEndAsync(cancellationToken);
        await members.WaitForExitAsync(cancellationToken);
        var view = new Dictionary<string, string>(StringComparer.Ordinal);
        if (members.ExitCode != 0 || output.Length == 0)
        {
            return view; // not listening yet
        }

        using var json = JsonDocument.Parse(output);
        foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
        {
            view[member.GetProperty("name").GetString()!] = member.GetProperty("status").GetString()!;
        }

        return view;
    }

    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Process.Dispose();
        }
    }
}
