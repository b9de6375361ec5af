namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads /proc/uptime.</summary>
internal static class UptimeParser
{
    /// <summary>
    /// Seconds since boot, the first field of /proc/uptime; 0 when it cannot be read. The second
    /// field (idle time summed over all cores) is ignored.
    /// </summary>
    public static double ParseSeconds(ReadOnlySpan<char> text)
    {
        var fields = new FieldCursor(text);
        return fields.TryNextDouble(out double seconds) ? seconds : 0;
    }
}
