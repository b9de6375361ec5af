namespace Psstd.Gossip.Engine;

/// <summary>
/// Ids for the pings this node sends: drawn at random over 31 bits (five bytes on the wire), so a stranger who
/// cannot see a ping cannot answer it but by a guess in two billion (an ack proves its sender received the
/// ping at the address it was sent to, and a ping is answered once).
/// </summary>
internal static class ProbeIds
{
    public static long Next(Random random) => random.Next(1, int.MaxValue);
}
