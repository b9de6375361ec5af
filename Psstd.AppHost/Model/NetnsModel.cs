using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Psstd.AppHost.Model;

/// <summary>
/// Names and addresses of a <c>--netns</c> run, as a pure function. Every name carries the owning
/// AppHost's pid, so a run removes only its own objects and a later run recognises a crashed one's.
/// Link names stay within Linux's 15 bytes: <c>psd&lt;pid&gt;br</c>, <c>psd&lt;pid&gt;br2</c>, <c>psd&lt;pid&gt;v&lt;n&gt;</c>.
/// </summary>
public static partial class NetnsModel
{
    /// <summary>Addresses are 10.213.X.0/24: X is chosen per run among those the host does not use.</summary>
    public const string AddressPrefix = "10.213.";

    public const int PrefixLength = 24;

    /// <summary>Linux interface names hold at most 15 bytes.</summary>
    public const int MaxLinkNameLength = 15;

    /// <summary>Node n (from 1) is 10.213.X.(10+n); the host's bridge is 10.213.X.1.</summary>
    private const int FirstNodeHost = 10;

    public static NetnsTopology Build(NetnsSpec spec, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.RunId, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Subnet, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.Subnet, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, ClusterModel.MaxNodeCount);

        var run = spec.RunId.ToString(CultureInfo.InvariantCulture);
        var nodes = new List<NetnsNode>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var name = ClusterModel.NodeName(i);
            nodes.Add(new NetnsNode(
                name,
                $"psstd-{run}-{name}",
                $"psd{run}v{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                Address(spec.Subnet, FirstNodeHost + i + 1)));
        }

        return new NetnsTopology(spec.RunId, $"psd{run}br", $"psd{run}br2", Address(spec.Subnet, 1), PrefixLength, nodes);
    }

    /// <summary>The pid of the AppHost that owns a namespace or link of this model's naming; null for any other name.</summary>
    public static int? OwnerOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = OwnedName().Match(name);
        return match.Success && int.TryParse(match.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;
    }

    /// <summary>
    /// The first X for which 10.213.X.0/24 overlaps no address or route in <paramref name="hostAddressesAndRoutes"/>
    /// (the output of <c>ip -o -4 addr show</c> and <c>ip -4 route show table all</c>); null when all 256 do.
    /// The default route (length 0) overlaps everything and is not counted.
    /// </summary>
    public static int? FreeSubnet(string hostAddressesAndRoutes)
    {
        ArgumentNullException.ThrowIfNull(hostAddressesAndRoutes);
        var used = new List<(uint Network, int Length)>();
        foreach (Match match in Ipv4Prefix().Matches(hostAddressesAndRoutes))
        {
            if (IPAddress.TryParse(match.Groups["address"].Value, out var address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                var length = match.Groups["length"].Success
                    ? int.Parse(match.Groups["length"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
                    : 32;
                if (length is > 0 and <= 32)
                {
                    used.Add((ToUInt32(address), length));
                }
            }
        }

        for (var x = 0; x < 256; x++)
        {
            var candidate = ToUInt32(Address(x, 0));
            if (!used.Any(u => SamePrefix(candidate, u.Network, Math.Min(u.Length, PrefixLength))))
            {
                return x;
            }
        }

        return null;
    }

    private static bool SamePrefix(uint a, uint b, int length) => length == 0 || (a ^ b) >> (32 - length) == 0;

    private static uint ToUInt32(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static IPAddress Address(int subnet, int host) =>
        new([10, 213, (byte)subnet, (byte)host]);

    [GeneratedRegex(@"^(?:psstd-(?<pid>[0-9]{1,10})-node-[0-9]+|psd(?<pid>[0-9]{1,10})(?:br2?|v[0-9]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnedName();

    [GeneratedRegex(@"(?<![0-9.])(?<address>[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})(?:/(?<length>[0-9]{1,2}))?(?![0-9.])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Prefix();
}
