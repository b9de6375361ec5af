using System.Net.NetworkInformation;

namespace Psstd.Agent.Metrics;

/// <summary>Cumulative bytes per network interface, as the OS reports them to .NET.</summary>
/// <remarks>
/// .NET reads the OS's own 64-bit interface counters: GetIfEntry2 (MIB_IF_ROW2) on Windows, the
/// if_data64 of sysctl NET_RT_IFLIST2 on macOS. Loopback is left out as on Linux. Interfaces come and
/// go (VPNs, USB), so growth is summed per interface, never from a total.
/// </remarks>
internal static class InterfaceTraffic
{
    /// <summary>Received and sent bytes per interface id; empty when the OS will not list interfaces.</summary>
    public static Dictionary<string, (long Rx, long Tx)> Read()
    {
        var counters = new Dictionary<string, (long Rx, long Tx)>(StringComparer.Ordinal);
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return counters;
        }

        foreach (var nic in interfaces)
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            try
            {
                var stats = nic.GetIPStatistics();
                counters[nic.Id] = (stats.BytesReceived, stats.BytesSent);
            }
            catch (NetworkInformationException)
            {
                // The interface vanished between listing and reading: it counts from its next reading.
            }
            catch (PlatformNotSupportedException)
            {
                return counters;
            }
        }

        return counters;
    }

    /// <summary>Bytes received and sent between two readings, per interface as <see cref="CounterPairs.Growth"/> sums them.</summary>
    public static (long Rx, long Tx) Growth(
        IReadOnlyDictionary<string, (long Rx, long Tx)> previous, IReadOnlyDictionary<string, (long Rx, long Tx)> current) =>
        CounterPairs.Growth<string>(previous, current);
}
