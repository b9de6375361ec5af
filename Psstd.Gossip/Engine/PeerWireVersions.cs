using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// The gossip addresses heard speaking the previous wire version, so this node answers them in it while a
/// cluster upgrades one node at a time; every other address gets the current version. An address leaves
/// as soon as it sends the current version. Bounded: past <see cref="MaxAddresses"/> nothing new is kept
/// (those peers get the current version, as they will after the upgrade).
/// </summary>
internal sealed class PeerWireVersions
{
    public const int MaxAddresses = 4096;

    private readonly HashSet<IPEndPoint> _previous = [];

    /// <summary>How many addresses are known to speak only the previous version.</summary>
    public int PreviousCount => _previous.Count;

    public void Heard(IPEndPoint from, byte version)
    {
        if (version == PacketCodec.WireVersion)
        {
            _previous.Remove(from);
        }
        else if (version == PacketCodec.PreviousWireVersion && _previous.Count < MaxAddresses)
        {
            _previous.Add(from);
        }
    }

    public byte For(IPEndPoint target) => _previous.Count > 0 && _previous.Contains(target) ? PacketCodec.PreviousWireVersion : PacketCodec.WireVersion;
}
