using System.Globalization;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// The per-core bars of one node as HTML. A 1,000-node x 16-core page has 16,000 bars; writing each through Razor
/// (three encoded attributes apiece) dominated the partial's render time. Every value here is an integer or a fixed
/// token, so nothing needs encoding, and every piece but the core number is a precomputed string: a bar is four
/// writes and no allocation.
/// </summary>
public static class CoreStripHtml
{
    /// <summary><c>&lt;i class="core low" style="--pct:37" title="cpu</c> for each percentage.</summary>
    private static readonly string[] Heads = Enumerable.Range(0, 101)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"<i class=\"core {Format.Band(p)}\" style=\"--pct:{p}\" title=\"cpu"))
        .ToArray();

    /// <summary><c> 37%"&gt;&lt;/i&gt;</c> for each percentage.</summary>
    private static readonly string[] Tails = Enumerable.Range(0, 101)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $" {p}%\"></i>"))
        .ToArray();

    /// <summary>Core numbers as text, for the core counts hosts have.</summary>
    private static readonly string[] Numbers = Enumerable.Range(0, 512).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static void Write(TextWriter writer, IReadOnlyList<CoreBarViewModel> cores)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cores);
        for (var i = 0; i < cores.Count; i++)
        {
            // The band is derived from the percentage here, so only the three known tokens ever reach the markup.
            var percent = Math.Clamp(cores[i].Percent, 0, 100);
            writer.Write(Heads[percent]);
            writer.Write(i < Numbers.Length ? Numbers[i] : i.ToString(CultureInfo.InvariantCulture));
            writer.Write(Tails[percent]);
        }
    }

    public static string Render(IReadOnlyList<CoreBarViewModel> cores)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, cores);
        return writer.ToString();
    }
}
