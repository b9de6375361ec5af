using System.Globalization;
using Psstd.Bench.Simulation;

namespace Psstd.Bench;

/// <summary>The <c>sim</c> command line: every option checked, every error naming the option and its rule.</summary>
public static class SimCommand
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Psstd.Bench -- sim --nodes N --seconds S "
        + "[--loss P] [--delay-ms D] [--scenario steady|kill|leave|partition] [--seed K] [--cores C] [--fanout F] [--ramp-s R] [--bandwidth-kib B]";

    public static SimOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new SimOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{name} needs a value");
            options = name switch
            {
                "--nodes" => options with { Nodes = Int(name, value, 2, 100_000) },
                "--seconds" => options with { Seconds = Int(name, value, 1, 3_600) },
                "--loss" => options with { Loss = Fraction(name, value) },
                "--delay-ms" => options with { Delay = TimeSpan.FromMilliseconds(Int(name, value, 0, 10_000)) },
                "--scenario" => options with { Scenario = Enum.TryParse<Scenario>(value, ignoreCase: true, out var s) ? s : throw new FormatException($"--scenario \"{value}\" must be steady, kill, leave or partition") },
                "--seed" => options with { Seed = Int(name, value, 0, int.MaxValue) },
                "--ramp-s" => options with { Ramp = TimeSpan.FromSeconds(Int(name, value, 0, 600)) },
                "--bandwidth-kib" => options with { Bandwidth = Int(name, value, 16, 1 << 20) * 1024 },
                "--cores" => options with { Cores = Int(name, value, 1, 4096) },
                "--fanout" => options with { Fanout = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f is >= 1 and <= 16 ? f : throw new FormatException($"--fanout \"{value}\" must be a number from 1 to 16") },
                _ => throw new FormatException($"unknown option {name}"),
            };
        }

        var needed = options.EventAt + (options.Scenario == Scenario.Partition ? options.PartitionLength + TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(20));
        if (options.Scenario != Scenario.Steady && options.Seconds < needed.TotalSeconds)
        {
            throw new FormatException($"--seconds {options.Seconds} is too short for {options.Scenario.ToString().ToLowerInvariant()}: needs at least {needed.TotalSeconds:0}");
        }

        if (options.Seconds <= options.WarmUp.TotalSeconds)
        {
            throw new FormatException($"--seconds {options.Seconds} must be longer than the {options.WarmUp.TotalSeconds:0} s warm-up");
        }

        return options;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} \"{value}\" must be a whole number from {min} to {max}");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p is >= 0 and < 1
            ? p
            : throw new FormatException($"{name} \"{value}\" must be a fraction from 0 to below 1, e.g. 0.05");
}
