using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Psstd.AppHost.Reporting;

/// <summary>
/// Follows the output of the psstd resources: copies each line to the AppHost's console with the resource's
/// name in front (<c>[node-2-agent] ...</c>) and keeps the last lines, so a failure can quote the child.
/// </summary>
public sealed class ResourceLogTail(ResourceLoggerService logs)
{
    private const int KeptLines = 200;

    private readonly ConcurrentDictionary<string, Queue<LogLine>> _recent = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the lines of the resource instance <paramref name="resourceId"/> (DCP's name for it, which
    /// logs are kept under) until it completes or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task FollowAsync(string resourceName, string resourceId, Action<string> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var kept = _recent.GetOrAdd(resourceName, _ => new Queue<LogLine>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    lock (kept)
                    {
                        if (kept.Count == KeptLines)
                        {
                            kept.Dequeue();
                        }

                        kept.Enqueue(line);
                    }

                    output($"[{resourceName}] {WithoutTimestamp(line.Content)}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>A line as the child printed it: DCP puts its own ISO 8601 timestamp in front.</summary>
    public static string WithoutTimestamp(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && DateTimeOffset.TryParse(content.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
            ? content[(space + 1)..]
            : content;
    }

    /// <summary>The last lines of a resource, oldest first.</summary>
    public IReadOnlyList<LogLine> Recent(string resourceName)
    {
        if (!_recent.TryGetValue(resourceName, out var kept))
        {
            return [];
        }

        lock (kept)
        {
            return [.. kept];
        }
    }

    /// <summary>What the child itself said last on its error output, else its last line; null when it said nothing.</summary>
    public string? LastWord(string resourceName)
    {
        var lines = Recent(resourceName);
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].IsErrorMessage && !string.IsNullOrWhiteSpace(lines[i].Content))
            {
                return WithoutTimestamp(lines[i].Content);
            }
        }

        return lines.Count == 0 ? null : WithoutTimestamp(lines[^1].Content);
    }
}
