namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads /proc/net/dev and sums traffic over every interface but loopback.</summary>
/// <remarks>
/// Only "lo" is skipped: its traffic never leaves the machine and would drown real traffic on a
/// busy local service. Bridges, veths, tunnels and bonds are counted, so a packet a host forwards
/// for its containers or VMs is seen more than once. Telling those apart from physical NICs needs
/// /sys (devices/virtual/net), which a pure parser does not read and which container runtimes
/// present inconsistently; the figure therefore means "bytes through every non-loopback interface".
/// </remarks>
internal static class NetDevParser
{
    /// <summary>After the colon: rx bytes, then seven more rx columns, then tx bytes.</summary>
    private const int RxColumnsBeforeTx = 7;

    /// <summary>
    /// Parses the text of /proc/net/dev. The two header lines have no colon and fall out; an
    /// interface line whose byte counters cannot be read is skipped.
    /// </summary>
    public static NetworkTotals Parse(ReadOnlySpan<char> text)
    {
        long rx = 0, tx = 0;
        foreach (var line in text.EnumerateLines())
        {
            // Interface names cannot contain ':', and large counters are printed glued to it
            // ("eth0:123456789012"), so the colon, not whitespace, ends the name.
            int colon = line.IndexOf(':');
            if (colon < 0 || IsLoopback(line[..colon].Trim()))
            {
                continue;
            }

            var fields = new FieldCursor(line[(colon + 1)..]);
            if (fields.TryNextInt64(out long received)
                && fields.TrySkip(RxColumnsBeforeTx)
                && fields.TryNextInt64(out long sent))
            {
                rx += received;
                tx += sent;
            }
        }

        return new NetworkTotals(rx, tx);
    }

    private static bool IsLoopback(ReadOnlySpan<char> name) => name.SequenceEqual("lo");
}
