using Psstd.Contracts;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// How the heatmap groups its squares (<c>group</c> in the query): <c>prefix</c> (by <see cref="NamePrefix"/>, the
/// default), <c>none</c>, or <c>tag:KEY</c> (by the value of one tag; nodes without it form their own group).
/// </summary>
/// <param name="TagKey">The tag key when grouping by tag; empty otherwise.</param>
public sealed record HeatmapGrouping(HeatmapGroupingKind Kind, string TagKey)
{
    public const string TagPrefix = "tag:";

    public static HeatmapGrouping Prefix { get; } = new(HeatmapGroupingKind.Prefix, "");

    public static HeatmapGrouping None { get; } = new(HeatmapGroupingKind.None, "");

    public string Token => Kind switch
    {
        HeatmapGroupingKind.Prefix => "prefix",
        HeatmapGroupingKind.None => "none",
        _ => TagPrefix + TagKey,
    };

    public static HeatmapGrouping ByTag(string key) =>
        TagFilter.IsKey(key) ? new(HeatmapGroupingKind.Tag, key) : throw new ArgumentException(TagFilter.KeyRule, nameof(key));

    /// <summary>Reads a <c>group</c> value; null when it is none of the three forms.</summary>
    public static HeatmapGrouping? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "prefix" => Prefix,
            "none" => None,
            _ when text.StartsWith(TagPrefix, StringComparison.Ordinal) && TagFilter.IsKey(text[TagPrefix.Length..]) =>
                new(HeatmapGroupingKind.Tag, text[TagPrefix.Length..]),
            _ => null,
        };
    }

    /// <summary>The group <paramref name="node"/> belongs to.</summary>
    public string LabelOf(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Kind switch
        {
            HeatmapGroupingKind.Prefix => NamePrefix.Of(node.Name),
            HeatmapGroupingKind.None => "all nodes",
            _ => node.Tags is not null && node.Tags.TryGetValue(TagKey, out var value) ? $"{TagKey}={value}" : $"no {TagKey}",
        };
    }
}
