using System.Text;

namespace Psstd.ClusterView;

/// <summary>
/// Text a peer sent, made safe to show: control characters (C0, DEL, C1) and the invisible marks that
/// reorder or hide text (bidirectional overrides and isolates) are removed, so a name cannot move an
/// operator's cursor, ring a bell, set a terminal title or disguise itself.
/// </summary>
public static class PrintableText
{
    /// <summary>True when <paramref name="c"/> would be removed.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary><paramref name="text"/> without unsafe characters (the same string when it has none).</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, first);
        for (var i = first + 1; i < text.Length; i++)
        {
            if (!IsUnsafe(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    /// <summary>Whether UTF-8 <paramref name="utf8"/> holds at least one character that is not removed.</summary>
    public static bool HasVisible(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[256];
        if (!Encoding.UTF8.TryGetChars(utf8, chars, out var count))
        {
            return false; // over 255 bytes never comes from the wire (one-byte lengths)
        }

        foreach (var c in chars[..count])
        {
            if (!IsUnsafe(c) && !char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
