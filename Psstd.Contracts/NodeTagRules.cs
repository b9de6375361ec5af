using System.Globalization;
using System.Text;

namespace Psstd.Contracts;

/// <summary>
/// What a node tag may be, checked alike where tags are set (<c>PSSTD_TAGS</c>), where a peer's record brings them
/// and where a browser filters by them: a key of lower-case letters, digits, '_', '.' or '-' (1 to 32), a value of
/// visible characters other than ',' and '=' (0 to 64 bytes of UTF-8), at most 16 tags a node and 256 bytes of
/// keys and values together, so tags never crowd a node's record out of a datagram.
/// </summary>
public static class NodeTagRules
{
    public const int MaxTags = 16;
    public const int MaxKeyLength = 32;
    public const int MaxValueBytes = 64;
    public const int MaxTotalBytes = 256;

    /// <summary>The bytes a tag counts against <see cref="MaxTotalBytes"/>: its key and value in UTF-8.</summary>
    public static int Size(string key, string value) => Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);

    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidValue(ReadOnlySpan<char> value)
    {
        if (Encoding.UTF8.GetByteCount(value) > MaxValueBytes || (!value.IsEmpty && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))))
        {
            return false;
        }

        foreach (var c in value)
        {
            // Control and formatting characters (bidirectional overrides among them) could disguise a tag on a page or terminal.
            if (c is ',' or '=' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads <c>key=value,key=value</c> (spaces around items ignored; empty text: no tags) into tags ordered by key.
    /// False with <paramref name="error"/> naming the item and the rule it breaks.
    /// </summary>
    public static bool TryParse(string? text, out SortedDictionary<string, string> tags, out string error)
    {
        tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? item : item[..equals];
            var value = equals < 0 ? "" : item[(equals + 1)..];
            if (equals < 0 || !IsValidKey(key))
            {
                error = $"tag '{item}' must be key=value with a key of 1 to {MaxKeyLength} lower-case letters, digits, '_', '.' or '-'";
                return false;
            }

            if (!IsValidValue(value))
            {
                error = $"tag '{key}' has a value that is longer than {MaxValueBytes} bytes or holds a control character, ',' or '='";
                return false;
            }

            if (!tags.TryAdd(key, value))
            {
                error = $"tag '{key}' is given twice";
                return false;
            }
        }

        if (tags.Count > MaxTags)
        {
            error = $"{tags.Count} tags given; a node carries at most {MaxTags}";
            return false;
        }

        if (tags.Sum(t => Size(t.Key, t.Value)) is var total and > MaxTotalBytes)
        {
            error = $"the tags take {total} bytes; keys and values together may take at most {MaxTotalBytes}";
            return false;
        }

        return true;
    }
}
