using System.Diagnostics;
using System.Globalization;
using Psstd.AppHost.Netns;

namespace Psstd.Tests.Support.Netns;

/// <summary>
/// Two network namespaces joined by a veth pair: a small private LAN (10.213.N.1 and 10.213.N.2 /24) with
/// a multicast route, so the two sides see each other as separate hosts. Dispose deletes both
/// namespaces, which takes the veth pair with them; a failed setup cleans up what it made.
/// </summary>
public sealed class NamespacePair : IDisposable
{
    private static int _count;

    public NamespacePair()
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId % 100000}{Interlocked.Increment(ref _count)}");
        A = new Side($"psstd-mdns-{id}-a", $"pm{id}a", "10.213.7.1");
        B = new Side($"psstd-mdns-{id}-b", $"pm{id}b", "10.213.7.2");
        try
        {
            Ip("netns", "add", A.Namespace);
            Ip("netns", "add", B.Namespace);
            Ip("link", "add", A.Interface, "type", "veth", "peer", "name", B.Interface);
            foreach (var side in new[] { A, B })
            {
                Ip("link", "set", side.Interface, "netns", side.Namespace);
                Ip("-n", side.Namespace, "addr", "add", $"{side.Address}/24", "dev", side.Interface);
                Ip("-n", side.Namespace, "link", "set", side.Interface, "up");
                Ip("-n", side.Namespace, "link", "set", "lo", "up");
                Ip("-n", side.Namespace, "route", "add", "224.0.0.0/4", "dev", side.Interface);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Side A { get; }

    public Side B { get; }

    /// <summary>Starts <paramref name="program"/> inside <paramref name="side"/>'s namespace.</summary>
    public static CapturedProcess Start(Side side, string label, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(side);
        var info = new ProcessStartInfo(NetTools.Find("ip") ?? "ip");
        foreach (var argument in new[] { "netns", "exec", side.Namespace, program }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return CapturedProcess.Start(info, label);
    }

    /// <summary>Runs a command inside a namespace to its end and returns its output.</summary>
    public static async Task<string> RunAsync(Side side, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        using var process = Start(side, "", program, arguments, environment);
        await process.WaitForExitAsync(timeout);
        return process.StandardOutput;
    }

    public void Dispose()
    {
        foreach (var side in new[] { A, B })
        {
            TryIp("netns", "del", side.Namespace);
        }
    }

    private static void Ip(params string[] arguments)
    {
        var (code, output) = RunIp(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private static void TryIp(params string[] arguments) => RunIp(arguments);

    private static (int Code, string Output) RunIp(string[] arguments)
    {
        var info = new ProcessStartInfo(NetTools.Find("ip") ?? "ip");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = CapturedProcess.Start(info);
        process.WaitForExitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        return (process.ExitCode, process.Output);
    }

    /// <summary>One end of the LAN: its namespace, its veth end and its address.</summary>
    public sealed record Side(string Namespace, string Interface, string Address);
}
