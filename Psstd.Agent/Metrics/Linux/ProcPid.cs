namespace Psstd.Agent.Metrics.Linux;

/// <summary>Recognises the per-process directories of /proc.</summary>
internal static class ProcPid
{
    /// <summary>pid_max is at most 2^22 on 64-bit Linux; ten digits leaves room and bounds the check.</summary>
    private const int MaxDigits = 10;

    /// <summary>
    /// Whether a /proc entry name is a process id: ASCII digits only, no leading zero. /proc lists
    /// thread-group leaders only (thread ids are reachable but not listed), so counting these names
    /// counts processes, not threads.
    /// </summary>
    public static bool IsPidName(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxDigits
        && name[0] != '0'
        && !name.ContainsAnyExceptInRange('0', '9');
}
