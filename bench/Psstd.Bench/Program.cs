using Psstd.Bench;

// Dashboard bench for bench/RESULTS.md. Prints markdown tables; takes no arguments.
Console.WriteLine("| cluster | median ms | p99 ms | raw | gzip |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine(await PartialBench.RunAsync(100, 16, warmup: 200, samples: 500));
Console.WriteLine(await PartialBench.RunAsync(1000, 16, warmup: 100, samples: 300));
Console.WriteLine(ViewModelBench.Run(1000, 16, warmup: 100, samples: 300));
Console.WriteLine();
Console.WriteLine("| cluster | concurrency | duration | requests | throughput |");
Console.WriteLine("|---|---|---|---|---|");
if (args.Length == 0) Console.WriteLine(await SocketHopBench.RunAsync(100, 16, concurrency: 8, TimeSpan.FromSeconds(15), port: 28_080));
