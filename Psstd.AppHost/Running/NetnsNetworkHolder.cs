using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;

namespace Psstd.AppHost.Running;

/// <summary>Owns the network of a <c>--netns</c> run: made before the resources start, removed however the AppHost ends.</summary>
public sealed class NetnsNetworkHolder(NetnsTopology topology) : IDisposable
{
    private NetnsNetwork? _network;

    public NetnsTopology Topology => topology;

    public void Create()
    {
        _network = NetnsNetwork.Create(topology);

        // Last resort when the host's shutdown is cut short: removal goes by the run's names, so a
        // second removal after the normal one finds nothing to do.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public void Dispose() => _network?.Dispose();
}
