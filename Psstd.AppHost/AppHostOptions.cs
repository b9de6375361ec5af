using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;

namespace Psstd.AppHost;

/// <summary>The AppHost's own command line, and the spec of the cluster it runs on this machine.</summary>
public static class AppHostOptions
{
    /// <summary>The first dashboard is http://localhost:8080 when that port is free, as psstd users expect.</summary>
    public const int FirstHttpPort = 8080;

    public const int FirstGossipPort = 7947;

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

    public static ClusterSpec LocalSpec(int nodes)
    {
        var http = PortPicker.Pick(FirstHttpPort, nodes, udpToo: false);
        var gossip = PortPicker.Pick(FirstGossipPort, nodes, udpToo: true, exclude: http.ToHashSet());
        return new ClusterSpec(
            nodes,
            RootDirectory.CreateFresh(Environment.ProcessId),
            http,
            gossip,
            ChildBinaries.FromBuild(),
            Environment.ProcessId,
            new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
