using System.IO.Enumeration;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>Counts processes as the numeric directories of /proc.</summary>
internal static class ProcessCounter
{
    private static readonly EnumerationOptions Options = new()
    {
        // Processes exit while the listing runs; an entry that vanished or is not ours to see is
        // simply not counted.
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
    };

    /// <summary>The number of process directories under <paramref name="procRoot"/>; 0 when it cannot be listed.</summary>
    public static int Count(string procRoot)
    {
        try
        {
            // FileSystemEnumerable hands the name over as a span: no string per process.
            var pids = new FileSystemEnumerable<bool>(procRoot, static (ref FileSystemEntry _) => true, Options)
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) =>
                    entry.IsDirectory && ProcPid.IsPidName(entry.FileName),
            };

            int count = 0;
            foreach (bool _ in pids)
            {
                count++;
            }

            return count;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
