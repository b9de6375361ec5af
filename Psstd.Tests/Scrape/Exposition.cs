using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Psstd.Tests.Scrape;

/// <summary>
/// A strict reader of the Prometheus text exposition format (and OpenMetrics' text form, which adds <c># EOF</c>):
/// every line must be a <c># HELP</c>, <c># TYPE</c> or a sample with well-formed, properly escaped labels, so a
/// name that breaks the format fails the test that reads it.
/// </summary>
internal static partial class Exposition
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Read(string text, bool openMetrics = false)
    {
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]); // ends with a newline
        lines = lines[..^1];
        if (openMetrics)
        {
            Assert.Equal("# EOF", lines[^1]);
            lines = lines[..^1];
        }

        var samples = new List<Sample>();
        foreach (var line in lines)
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal) || line.StartsWith("# UNIT ", StringComparison.Ordinal))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = match.Groups["labels"].Success ? ReadLabels(match.Groups["labels"].Value, line) : new Dictionary<string, string>();
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    private static Dictionary<string, string> ReadLabels(string text, string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var name = LabelName().Match(text, i);
            Assert.True(name.Success && name.Index == i, $"bad label name in: {line}");
            i += name.Length;
            var value = new StringBuilder();
            for (; text[i] != '"'; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                    value.Append(text[i] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new Xunit.Sdk.XunitException($"bad escape \\{text[i]} in: {line}"),
                    });
                }
                else
                {
                    Assert.False(text[i] == '\n', $"raw newline in a label value: {line}");
                    value.Append(text[i]);
                }
            }

            i++; // closing quote
            Assert.True(labels.TryAdd(name.Groups[1].Value, value.ToString()), $"label repeated in: {line}");
            if (i < text.Length)
            {
                Assert.Equal(',', text[i]);
                i++;
            }
        }

        return labels;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>-?[0-9.]+([eE][+-]?[0-9]+)?|NaN|\+Inf|-Inf)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"\G([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
