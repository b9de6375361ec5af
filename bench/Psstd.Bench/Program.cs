using Psstd.AppHost.Netns;
using Psstd.Bench;
using Psstd.Bench.Netns;
using Psstd.Bench.Simulation;
using Psstd.Bench.Store;

// psstd benchmarks for bench/RESULTS.md:
//   sim ...                      the cluster simulator; its last output line is one JSON object
//   dashboard [--no-socket-hop]  cluster partial time and size, and requests/s through a real socket hop
//   netns                        time to build and remove the AppHost's --netns network (Linux, root)
//   store [--nodes N] [--seconds S] [--cores C]  the store writer on a simulated clock: batch cost and size on disk
//   alerts [--nodes N] [--seconds S] [--seed K]  webhook calls per alert in a simulated cluster where 5 % die; one JSON object
//   history [--samples N]        node and compare pages at 1 h, 6 h and 24 h over a full store, and the agent's history query
//   heatmap [--updates-only]     the heatmap page and one live update next to the grid partial, 1,000 and 10,000 nodes
//   dashboard-profile [--short]  only the 1,000-node partial, many times, to run under a profiler
//   attack --kind K [--agent DLL] [--dashboard DLL] [--wire 2|3]  a stranger's attack on real agents; last line one JSON object
//   record-size                  bytes of a record from 2 to 256 cores, with and without the version 3 tail
//   versus-serf --nodes N [--agent DLL] [--window S]  N psstd agents next to N Serf agents: footprint, detection, leave
switch (args.FirstOrDefault())
{
    case "sim":
        SimOptions options;
        try
        {
            options = SimCommand.Parse(args.AsSpan(1));
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"psstd-bench sim: {ex.Message}");
            Console.Error.WriteLine(SimCommand.Usage);
            return 2;
        }

        Console.WriteLine(new Simulation(options).Run(Console.Error).ToJson());
        return 0;

    case "netns":
        if (NetnsNetwork.Unavailable() is { } reason)
        {
            Console.Error.WriteLine($"psstd-bench netns: {reason}");
            return 2;
        }

        Console.WriteLine("| nodes | runs | create median ms | create max ms | remove median ms | remove max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(NetnsSetupBench.Run(3, 10));
        Console.WriteLine(NetnsSetupBench.Run(16, 5));
        Console.WriteLine(NetnsSetupBench.Run(64, 3));
        return 0;

    case "dashboard":
        Console.WriteLine("| cluster | accept-encoding | median ms | p99 ms | CPU ms/req | allocated/req | raw | gzip (optimal) | as served |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        // 60 nodes: the largest grid still drawn as cards (per-core meters); from 64 it is one compact row per node.
        Console.WriteLine(await PartialBench.RunAsync(60, 16, warmup: 200, samples: 500));
        Console.WriteLine(await PartialBench.RunAsync(100, 16, warmup: 200, samples: 500));
        Console.WriteLine(await PartialBench.RunAsync(100, 16, warmup: 200, samples: 500, acceptEncoding: "gzip, br"));
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 100, samples: 300));
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 100, samples: 300, acceptEncoding: "gzip"));
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 100, samples: 300, acceptEncoding: "gzip, br"));
        Console.WriteLine(ViewModelBench.Run(1000, 16, warmup: 100, samples: 300));
        Console.WriteLine();
        Console.WriteLine("| cluster | concurrency | duration | requests | throughput |");
        Console.WriteLine("|---|---|---|---|---|");
        if (!args.Contains("--no-socket-hop"))
        {
            Console.WriteLine(await SocketHopBench.RunAsync(100, 16, concurrency: 8, TimeSpan.FromSeconds(15), port: 28_080));
        }

        return 0;

    case "store":
        var store = StoreCommand.Parse(args.AsSpan(1));
        if (store is null)
        {
            Console.Error.WriteLine(StoreBench.Usage);
            return 2;
        }

        Console.WriteLine(StoreBench.Run(store.Value.Nodes, store.Value.Seconds, store.Value.Cores));
        return 0;

    case "attack":
        return await Psstd.Bench.Attack.AttackCommand.RunAsync(args.AsMemory(1));

    case "versus-serf":
        return await Psstd.Bench.Versus.VersusSerfCommand.RunAsync(args.AsMemory(1));

    case "metrics":
        // The dashboard's /metrics for Prometheus: the whole cluster, every core a series.
        Console.WriteLine("| cluster | accept-encoding | median ms | p99 ms | CPU ms/req | allocated/req | raw | gzip (optimal) | as served |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(await PartialBench.RunAsync(100, 16, warmup: 50, samples: 200, path: "/metrics"));
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 20, samples: 100, path: "/metrics"));
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 20, samples: 100, acceptEncoding: "gzip", path: "/metrics"));
        return 0;

    case "record-size":
        Console.WriteLine(Psstd.Bench.Records.RecordSizeBench.Run());
        return 0;

    case "alerts":
        // Webhook calls per alert in a simulated cluster where 5 % of the nodes die: the goal is one.
        return Psstd.Bench.Alerts.AlertCallsBench.Command(args[1..]);

    case "history":
        var historySamples = args.SkipWhile(a => a != "--samples").Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(100);
        Console.WriteLine(await Psstd.Bench.History.HistoryBench.RunAsync(historySamples));
        return 0;

    case "heatmap":
        await HeatmapBench.RunAsync(Console.Out, [1000, 10_000], cores: 16, changedShare: 0.05, pages: !args.Contains("--updates-only"));
        return 0;

    case "dashboard-profile":
        // One long run of the 1,000-node partial, for a profiler attached from outside (dotnet-trace collect -- ...).
        Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 50, samples: args.Contains("--short") ? 100 : 600));
        return 0;

    default:
        Console.Error.WriteLine(SimCommand.Usage);
        Console.Error.WriteLine("   or: " + StoreBench.Usage["usage: ".Length..]);
        Console.Error.WriteLine("   or: dotnet run -c Release --project bench/Psstd.Bench -- dashboard [--no-socket-hop]");
        Console.Error.WriteLine("   or: dotnet run -c Release --project bench/Psstd.Bench -- metrics");
        Console.Error.WriteLine("   or: dotnet run -c Release --project bench/Psstd.Bench -- alerts [--nodes N] [--seconds S] [--seed K]");
        return 2;
}
