using System.Text.Json;

namespace Psstd.Bench.Attack;

/// <summary>The <c>attack</c> command: one attack against real processes on loopback; its last output line is one JSON object.</summary>
internal static class AttackCommand
{
    public static async Task<int> RunAsync(ReadOnlyMemory<string> args)
    {
        AttackOptions options;
        try
        {
            options = AttackOptions.Parse(args.Span);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"psstd-bench attack: {ex.Message}");
            Console.Error.WriteLine(AttackOptions.Usage);
            return 2;
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = options.Kind switch
        {
            "takeover" => await IdentityAttack.RunAsync(options, erase: false, limit.Token),
            "erase" => await IdentityAttack.RunAsync(options, erase: true, limit.Token),
            "flood" => await FloodAttack.RunAsync(options, limit.Token),
            "reflect" => await ReflectAttack.RunAsync(options, limit.Token),
            _ => await RedirectAttack.RunAsync(options, limit.Token),
        };
        result["agent"] = options.AgentDll;
        result["wire"] = options.Wire;
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
