namespace Psstd.Gossip.Wire;

/// <summary>
/// A silence as a record carries it: alerts of rules matching <see cref="Rule"/> about nodes matching
/// <see cref="Node"/> (name patterns with '*'; empty matches all) are not notified for <see cref="Remaining"/>.
/// The time left rather than an end time, so no receiver compares wall clocks: each counts it from when it took the
/// record.
/// </summary>
public sealed record SilenceClaim(Guid Id, string Rule, string Node, TimeSpan Remaining, string Comment)
{
    /// <summary>Silences one node's record carries at most.</summary>
    public const int MaxPerNode = 8;

    /// <summary>Bytes of UTF-8 a pattern may take.</summary>
    public const int MaxPatternBytes = 64;

    /// <summary>Bytes of UTF-8 a comment may take.</summary>
    public const int MaxCommentBytes = 80;

    /// <summary>The longest silence: past it an alert should be fixed or its rule changed, not muted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>A rule or node pattern: at most <see cref="MaxPatternBytes"/> of UTF-8, no spaces or control characters; empty matches all.</summary>
    public static bool IsValidPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return System.Text.Encoding.UTF8.GetByteCount(pattern) <= MaxPatternBytes && !pattern.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    /// <summary>A comment: at most <see cref="MaxCommentBytes"/> of UTF-8, no control characters.</summary>
    public static bool IsValidComment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return System.Text.Encoding.UTF8.GetByteCount(comment) <= MaxCommentBytes && !comment.Any(char.IsControl);
    }
}
