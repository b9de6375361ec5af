using Psstd.Contracts;

namespace Psstd.Dashboard.Preferences;

/// <summary>
/// One <c>tag</c> value of the query: <c>rack=a</c> keeps nodes whose tag <c>rack</c> is <c>a</c>, a bare <c>gpu</c>
/// keeps nodes that have the tag <c>gpu</c> at all. Keys and values are checked before use (<see cref="TryParse"/>):
/// the URL is hostile input and the tags are a stranger's text.
/// </summary>
/// <param name="Key">The tag key, <c>[a-z0-9_.-]{1,32}</c>.</param>
/// <param name="Value">The value it must have (compared exactly), or null for "has the key".</param>
public sealed record TagFilter(string Key, string? Value)
{
    /// <summary>The rule a key follows, in words for messages.</summary>
    public const string KeyRule = "a key is 1 to 32 of a-z, 0-9, '_', '.', '-'";

    /// <summary>The rule a value follows, in words for messages.</summary>
    public const string ValueRule = "a value is 1 to 64 bytes without control characters, ',' or '='";

    /// <summary>As written in a URL: <c>rack=a</c> or <c>gpu</c>.</summary>
    public string Text => Value is null ? Key : $"{Key}={Value}";

    public bool Matches(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var tags = node.Tags;
        return tags is not null
            && tags.TryGetValue(Key, out var value)
            && (Value is null || string.Equals(value, Value, StringComparison.Ordinal));
    }

    /// <summary>Reads <c>key=value</c> or <c>key</c>; null with the broken rule in <paramref name="problem"/> otherwise.</summary>
    public static TagFilter? TryParse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? text : text[..eq];
        var value = eq < 0 ? null : text[(eq + 1)..];
        if (!IsKey(key))
        {
            problem = KeyRule;
            return null;
        }

        if (value is not null && !IsValue(value))
        {
            problem = ValueRule;
            return null;
        }

        problem = "";
        return new TagFilter(key, value);
    }

    /// <summary>A tag key as <see cref="NodeTagRules.IsValidKey"/> has it.</summary>
    public static bool IsKey(string key) => NodeTagRules.IsValidKey(key);

    /// <summary>A tag value as <see cref="NodeTagRules.IsValidValue"/> has it, and not empty (a filter on the key alone has no '=').</summary>
    public static bool IsValue(string value) => value.Length > 0 && NodeTagRules.IsValidValue(value);
}
