using System.Globalization;
using Microsoft.Extensions.Configuration;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Running;

namespace Psstd.AppHost;

/// <summary>The AppHost's own command line, and the spec of the cluster it runs on this machine.</summary>
public static class AppHostOptions
{
    /// <summary>The first dashboard is http://localhost:8080 when that port is free, as psstd users expect.</summary>
    public const int FirstHttpPort = 8080;

    public const int FirstGossipPort = 7947;

    /// <summary>Where the search for free dashboard ports starts (<c>--first-http-port 9000</c>); tests keep clear of 8080 this way.</summary>
    public const string FirstHttpPortKey = "first-http-port";

    /// <summary>Where the search for free gossip ports starts (<c>--first-gossip-port 9100</c>).</summary>
    public const string FirstGossipPortKey = "first-gossip-port";

    public static int NodesOrExit(string? text)
    {
        if (text is null)
        {
            return ClusterModel.DefaultNodeCount;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nodes) && nodes is >= 1 and <= ClusterModel.MaxNodeCount)
        {
            return nodes;
        }

        Console.Error.WriteLine($"psstd AppHost: --nodes \"{text}\" is invalid: must be a whole number from 1 to {ClusterModel.MaxNodeCount}");
        Environment.Exit(2);
        return 0;
    }

    private static int PortOrExit(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1024 and <= 65000)
        {
            return port;
        }

        Console.Error.WriteLine($"psstd AppHost: --{key} \"{text}\" is invalid: must be a port from 1024 to 65000");
        Environment.Exit(2);
        return 0;
    }

    /// <summary>
    /// Takes the AppHost's switches (<c>--netns</c>, <c>--netns-seeds</c>) out of the arguments; the rest
    /// goes to the host's configuration, which would read a switch without a value as taking the next argument.
    /// </summary>
    public static (bool Netns, bool Seeds, string[] Remaining) Switches(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var netns = args.Contains("--netns", StringComparer.Ordinal);
        var seeds = args.Contains("--netns-seeds", StringComparer.Ordinal);
        return (netns || seeds, seeds, [.. args.Where(a => a is not ("--netns" or "--netns-seeds"))]);
    }

    /// <summary>
    /// The spec for <c>--netns</c>: refuses (one line, exit code 2) where namespaces cannot run, removes
    /// what crashed runs left, and picks a free subnet. Every node listens on the usual ports of its own address.
    /// </summary>
    public static ClusterSpec NetnsSpecOrExit(int nodes, bool seeds, IConfiguration configuration)
    {
        if (NetnsNetwork.Unavailable() is { } reason)
        {
            Console.Error.WriteLine($"psstd AppHost: --netns refused: {reason}");
            Environment.Exit(2);
        }

        foreach (var name in NetnsNetwork.RemoveAbandoned())
        {
            Console.WriteLine($"psstd AppHost: removed {name}, left by an AppHost that is gone");
        }

        int subnet;
        try
        {
            subnet = NetnsNetwork.FreeSubnet();
        }
        catch (NetnsException ex)
        {
            Console.Error.WriteLine($"psstd AppHost: --netns refused: {ex.Message}");
            Environment.Exit(2);
            return null!;
        }

        return new ClusterSpec(
            nodes,
            RootDirectory.CreateFresh(Environment.ProcessId),
            [.. Enumerable.Repeat(FirstHttpPort, nodes)],
            [.. Enumerable.Repeat(FirstGossipPort, nodes)],
            NetnsBinariesOrExit(),
            ParentPid: null,
            PsstdVariables(configuration),
            Netns: new NetnsSpec(Environment.ProcessId, subnet, seeds));
    }

    public static ClusterSpec LocalSpec(int nodes, IConfiguration configuration)
    {
        var http = PortPicker.Pick(PortOrExit(configuration, FirstHttpPortKey, FirstHttpPort), nodes, udpToo: false);
        var gossip = PortPicker.Pick(PortOrExit(configuration, FirstGossipPortKey, FirstGossipPort), nodes, udpToo: true, exclude: http.ToHashSet());
        return new ClusterSpec(
            nodes,
            RootDirectory.CreateFresh(Environment.ProcessId),
            http,
            gossip,
            BinariesOrExit(),
            ParentPid: null,
            PsstdVariables(configuration));
    }

    private static ChildBinaries BinariesOrExit()
    {
        try
        {
            return ChildBinaries.FromBuild();
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"psstd AppHost: {ex.Message}");
            Environment.Exit(2);
            return null!;
        }
    }

    /// <summary>
    /// <c>--netns</c> runs the NativeAOT agent, as real hosts do (the release archive, systemd, the image), unless
    /// <see cref="ChildBinaries.AgentVariable"/> names another build.
    /// </summary>
    private static ChildBinaries NetnsBinariesOrExit()
    {
        var binaries = BinariesOrExit();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ChildBinaries.AgentVariable)))
        {
            return binaries;
        }

        var native = NativeAgent.PublishedOrNull(ChildBinaries.AgentProject(), binaries.Agent, Console.Out);
        return native is null ? binaries : binaries with { Agent = native };
    }

    /// <summary>
    /// The AppHost's own <c>PSSTD_*</c> settings, from its environment or command line, handed to every
    /// child (the model's own settings win): <c>PSSTD_NODE_TTL=6s dotnet run --project Psstd.AppHost</c>
    /// and <c>dotnet run --project Psstd.AppHost -- --PSSTD_NODE_TTL=6s</c> both run a cluster with a short TTL.
    /// </summary>
    public static Dictionary<string, string> PsstdVariables(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            // A parent pid meant for the AppHost itself would stop every child at once: DCP is their parent.
            if (value is not null && key.StartsWith("PSSTD_", StringComparison.Ordinal) && !key.Contains(':', StringComparison.Ordinal)
                && key is not ("PSSTD_PARENT_PID" or ChildBinaries.AgentVariable))
            {
                variables[key] = value;
            }
        }

        return variables;
    }
}
