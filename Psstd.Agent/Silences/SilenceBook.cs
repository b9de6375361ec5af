using System.Text.Json;
using Psstd.Configuration;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Silences;

/// <summary>
/// The silences set through this agent (<c>psstd-agent silence</c>), which this node's record carries to every peer.
/// A silence runs on this agent's monotonic clock; its end is also saved, as a wall-clock time, to
/// <c>silences.json</c> in the state directory, so a restart keeps it (the only use of the wall clock here). Bounded by
/// <see cref="SilenceClaim.MaxPerNode"/>. Thread-safe: the local API adds and removes, the heartbeat reads.
/// </summary>
internal sealed class SilenceBook
{
    public const string FileName = "silences.json";

    /// <summary>The shortest silence: less is not worth a notification held back.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<Running> _running = [];

    public SilenceBook(string stateDirectory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentNullException.ThrowIfNull(time);
        _path = Path.Combine(stateDirectory, FileName);
        _time = time;
        Load();
    }

    /// <summary>The silences still running, each with the time it has left now.</summary>
    public IReadOnlyList<SilenceClaim> Claims()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_running.RemoveAll(s => Left(s, now) <= TimeSpan.Zero) > 0)
            {
                Save();
            }

            return _running.Count == 0 ? [] : [.. _running.Select(s => s.Claim with { Remaining = Left(s, now) })];
        }
    }

    /// <summary>
    /// Checks a new silence against the rules every agent applies to one it receives (<see cref="RecordExtension"/>);
    /// the error names the field and the rule, empty when it is acceptable.
    /// </summary>
    public static string Check(string rule, string node, TimeSpan duration, string comment)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(comment);
        foreach (var (field, pattern) in new[] { ("rule", rule), ("node", node) })
        {
            if (!SilenceClaim.IsValidPattern(pattern))
            {
                return $"{field} '{pattern}' must be a pattern of at most {SilenceClaim.MaxPatternBytes} bytes without spaces ('*' any run, '?' one character; empty: any)";
            }
        }

        if (duration < MinDuration || duration > SilenceClaim.MaxDuration)
        {
            return "for must be between 1m and 30d";
        }

        if (!SilenceClaim.IsValidComment(comment))
        {
            return $"comment must be at most {SilenceClaim.MaxCommentBytes} bytes without control characters";
        }

        return "";
    }

    /// <summary>
    /// Adds a silence checked by <see cref="Check"/>, unless <see cref="SilenceClaim.MaxPerNode"/> already run or
    /// <paramref name="fits"/> says the record would no longer fit with it; returns it, or null with the reason.
    /// </summary>
    public SilenceClaim? Add(string rule, string node, TimeSpan duration, string comment, Func<IReadOnlyList<SilenceClaim>, bool> fits, out string error)
    {
        ArgumentNullException.ThrowIfNull(fits);
        error = Check(rule, node, duration, comment);
        if (error.Length > 0)
        {
            return null;
        }

        lock (_lock)
        {
            var claim = new SilenceClaim(Guid.NewGuid(), rule, node, duration, comment);
            var running = Claims();
            if (running.Count >= SilenceClaim.MaxPerNode)
            {
                error = $"this node already runs {SilenceClaim.MaxPerNode} silences, the most one node carries: remove one, or set it on another node";
                return null;
            }

            if (!fits([.. running, claim]))
            {
                error = "the node's record would no longer fit a datagram with this silence: shorten its patterns or comment, or remove another";
                return null;
            }

            _running.Add(new Running(claim, _time.GetTimestamp(), _time.GetUtcNow() + duration));
            Save();
            return claim;
        }
    }

    /// <summary>Ends a silence set here early; false when none of this agent has that id.</summary>
    public bool Remove(Guid id)
    {
        lock (_lock)
        {
            if (_running.RemoveAll(s => s.Claim.Id == id) == 0)
            {
                return false;
            }

            Save();
            return true;
        }
    }

    private TimeSpan Left(Running silence, long now) => silence.Claim.Remaining - _time.GetElapsedTime(silence.Since, now);

    private void Load()
    {
        SavedSilence[]? saved;
        try
        {
            using var stream = File.OpenRead(_path);
            saved = JsonSerializer.Deserialize(stream, SilenceJsonContext.Default.SavedSilenceArray);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }
        catch (JsonException)
        {
            return; // a damaged file loses silences, never the agent: they are set again with one command
        }

        var now = _time.GetUtcNow();
        var since = _time.GetTimestamp();
        foreach (var s in (saved ?? []).Take(SilenceClaim.MaxPerNode))
        {
            var left = s.Ends - now;
            if (left > TimeSpan.Zero && left <= SilenceClaim.MaxDuration && Check(s.Rule, s.Node, MinDuration, s.Comment).Length == 0)
            {
                _running.Add(new Running(new SilenceClaim(s.Id, s.Rule, s.Node, left, s.Comment), since, s.Ends));
            }
        }
    }

    private void Save()
    {
        var saved = _running.Select(s => new SavedSilence(s.Claim.Id, s.Claim.Rule, s.Claim.Node, s.Claim.Comment, s.Ends)).ToArray();
        var temporary = _path + ".tmp";
        using (var stream = PrivateFiles.Open(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, saved, SilenceJsonContext.Default.SavedSilenceArray);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    /// <param name="Claim">As set: <see cref="SilenceClaim.Remaining"/> is its whole duration, counted from <paramref name="Since"/>.</param>
    private sealed record Running(SilenceClaim Claim, long Since, DateTimeOffset Ends);
}
