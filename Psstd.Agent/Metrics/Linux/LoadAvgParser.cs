namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads /proc/loadavg.</summary>
internal static class LoadAvgParser
{
    /// <summary>
    /// Parses the three averages at the start of /proc/loadavg; an average that cannot be read is 0
    /// and the ones after it too, since their position is then unknown. The running/total and last
    /// pid fields are ignored: the total there counts threads, not processes.
    /// </summary>
    public static LoadAverage Parse(ReadOnlySpan<char> text)
    {
        var fields = new FieldCursor(text);
        if (!fields.TryNextDouble(out double one))
        {
            return default;
        }

        if (!fields.TryNextDouble(out double five))
        {
            return new LoadAverage(one, 0, 0);
        }

        return fields.TryNextDouble(out double fifteen)
            ? new LoadAverage(one, five, fifteen)
            : new LoadAverage(one, five, 0);
    }
}
