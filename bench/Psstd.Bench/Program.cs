using System.Text.Json;
using Psstd.Bench;
using Psstd.Bench.Simulation;

// psstd benchmarks. `sim` runs the cluster simulator; its last output line is one JSON object.
if (args.Length == 0 || args[0] != "sim")
{
    Console.Error.WriteLine(SimCommand.Usage);
    return 2;
}

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

var report = new Simulation(options).Run();
Console.WriteLine(JsonSerializer.Serialize(report));
return 0;
