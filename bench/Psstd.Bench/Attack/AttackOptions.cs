using Psstd.AppHost.Model;

namespace Psstd.Bench.Attack;

/// <summary>The <c>attack</c> command line.</summary>
/// <param name="Wire">The wire version the forged packets speak: 3, or 2 against agents of the previous version.</param>
internal sealed record AttackOptions(string Kind, string AgentDll, string DashboardDll, byte Wire)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Psstd.Bench -- attack --kind takeover|erase|flood|reflect|redirect [--agent DLL] [--dashboard DLL] [--wire 2|3]";

    public static readonly string[] Kinds = ["takeover", "erase", "flood", "reflect", "redirect"];

    public static AttackOptions Parse(ReadOnlySpan<string> args)
    {
        var builds = ChildBinaries.FromBuild();
        var options = new AttackOptions("", builds.Agent, builds.Dashboard, Psstd.Gossip.Wire.PacketCodec.WireVersion);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--kind" => options with { Kind = Kinds.Contains(value) ? value : throw new FormatException($"--kind \"{value}\" must be one of {string.Join(", ", Kinds)}") },
                "--agent" => options with { AgentDll = File.Exists(value) ? Path.GetFullPath(value) : throw new FormatException($"--agent \"{value}\" must be an existing agent build (psstd-agent.dll or a native psstd-agent)") },
                "--dashboard" => options with { DashboardDll = File.Exists(value) ? Path.GetFullPath(value) : throw new FormatException($"--dashboard \"{value}\" must be an existing psstd-dashboard.dll") },
                "--wire" => options with { Wire = value is "2" or "3" ? byte.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException($"--wire \"{value}\" must be 2 or 3") },
                _ => throw new FormatException($"unknown option {args[i]}"),
            };
        }

        return options.Kind.Length == 0 ? throw new FormatException("--kind is required") : options;
    }
}
