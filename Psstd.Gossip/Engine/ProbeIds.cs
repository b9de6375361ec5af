namespace Psstd.Gossip.Engine;

/// <summary>
/// Ids for the pings this node sends: drawn at random over 63 bits, so a stranger who cannot see a ping
/// cannot answer it (an ack proves its sender received the ping at the address it was sent to).
/// </summary>
internal static class ProbeIds
{
    public static long Next(Random random) => random.NextInt64(1, long.MaxValue);
}
