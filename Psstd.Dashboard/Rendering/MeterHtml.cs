using System.Globalization;
using System.Text.Encodings.Web;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// htop's meters as HTML: one line per core (<c>3[||||||      45.3%]</c>), the busiest cores of a dense node, and the
/// memory and swap meters (<c>Mem[|||     3.1G/7.8G]</c>). A bar's length and colour are CSS classes (<c>p45</c>, one per
/// whole percent, and the band <c>low</c>/<c>mid</c>/<c>high</c>), so the markup needs no style attribute; the brackets
/// and stripes are drawn by the stylesheet. Every value written here is a number or a fixed token derived from one.
/// </summary>
/// <remarks>
/// Where the agent reports how busy time splits, a bar has two parts as in htop: <c>p45 s12 split</c> is 45 % long,
/// its last 12 % the second part (a core's kernel time after its user time; memory's cache after its used part), and
/// the colours are htop's for each part instead of a band. Without the split the markup is what it always was.
/// </remarks>
public static class MeterHtml
{
    /// <summary>A node with more cores than this shows its meters in two columns (in a cell; the node page fits more).</summary>
    public const int OneColumnCores = 4;

    /// <summary><c>&lt;li class="p45 low" title="cpu</c> for each value in tenths.</summary>
    private static readonly string[] CoreHeads = Enumerable.Range(0, 1001)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"<li class=\"p{(t + 5) / 10} {Format.BandOfTenths(t)}\" title=\"cpu"))
        .ToArray();

    /// <summary><c> 45.3%"&gt;&lt;b&gt;</c> for each value in tenths.</summary>
    private static readonly string[] CoreMiddles = Enumerable.Range(0, 1001)
        .Select(t => $" {Format.TenthsText(t)}\"><b>")
        .ToArray();

    /// <summary><c>&lt;/b&gt;&lt;span&gt;45.3%&lt;/span&gt;&lt;/li&gt;</c> for each value in tenths.</summary>
    private static readonly string[] CoreTails = Enumerable.Range(0, 1001)
        .Select(t => $"</b><span>{Format.TenthsText(t)}</span></li>")
        .ToArray();

    /// <summary><c>45.3%</c> for each value in tenths.</summary>
    private static readonly string[] TenthsTexts = Enumerable.Range(0, 1001).Select(Format.TenthsText).ToArray();

    private static readonly string[] Numbers = Enumerable.Range(0, 512).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>One meter line per core, numbered from 0 as the kernel numbers them; the list is named with the machine's CPU.</summary>
    public static void WriteCores(TextWriter writer, IReadOnlyList<CoreBarViewModel> cores, int cpuPercent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cores);
        cpuPercent = Math.Clamp(cpuPercent, 0, 100);
        writer.Write(cores.Count > OneColumnCores ? "<ol class=\"cpus cpus-2\" aria-label=\"CPU " : "<ol class=\"cpus\" aria-label=\"CPU ");
        Number(writer, cpuPercent);
        writer.Write("%, ");
        Number(writer, cores.Count);
        writer.Write(" cores\">");
        for (var i = 0; i < cores.Count; i++)
        {
            WriteCore(writer, cores[i], i);
        }

        writer.Write("</ol>");
    }

    /// <summary><c>&lt;li class="p45 low" title="cpu3 45.3%"&gt;&lt;b&gt;3&lt;/b&gt;&lt;span&gt;45.3%&lt;/span&gt;&lt;/li&gt;</c>: five writes, no allocation.</summary>
    private static void WriteCore(TextWriter writer, CoreBarViewModel core, int number)
    {
        var tenths = Math.Clamp(core.Tenths, 0, 1000);
        if (core.KernelTenths is { } kernel)
        {
            WriteSplitCore(writer, tenths, Math.Clamp(kernel, 0, tenths), number);
            return;
        }

        writer.Write(CoreHeads[tenths]);
        Number(writer, number);
        writer.Write(CoreMiddles[tenths]);
        Number(writer, number);
        writer.Write(CoreTails[tenths]);
    }

    /// <summary>
    /// <c>&lt;li class="p45 s12 split" title="cpu3 45.3%: 33.3% user, 12.0% kernel"&gt;...</c>: user then kernel, in words
    /// in the tooltip as well as in colour. The kernel part is rounded on its own and the user part is what is left,
    /// so the two always add up to the bar.
    /// </summary>
    private static void WriteSplitCore(TextWriter writer, int tenths, int kernelTenths, int number)
    {
        var percent = (tenths + 5) / 10;
        writer.Write("<li class=\"p");
        Number(writer, percent);
        writer.Write(" s");
        Number(writer, Math.Min((kernelTenths + 5) / 10, percent));
        writer.Write(" split\" title=\"cpu");
        Number(writer, number);
        writer.Write(' ');
        writer.Write(TenthsTexts[tenths]);
        writer.Write(": ");
        writer.Write(TenthsTexts[tenths - kernelTenths]);
        writer.Write(" user, ");
        writer.Write(TenthsTexts[kernelTenths]);
        writer.Write(" kernel\"><b>");
        Number(writer, number);
        writer.Write("</b><span>");
        writer.Write(TenthsTexts[tenths]);
        writer.Write("</span></li>");
    }

    /// <summary>
    /// The busiest cores of a dense node as meter lines of their own, busiest first, under a caption that says so
    /// (<c>busiest of 128</c>): the strip below shows every core, these lines name the few that matter.
    /// </summary>
    public static void WriteBusiest(TextWriter writer, IReadOnlyList<CoreBarViewModel> cores, IReadOnlyList<int> busiest)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cores);
        ArgumentNullException.ThrowIfNull(busiest);
        writer.Write("<div class=\"busiest\"><p>busiest of ");
        Number(writer, cores.Count);
        writer.Write("</p><ol class=\"cpus\" aria-label=\"busiest cores\">");
        foreach (var core in busiest)
        {
            if ((uint)core < (uint)cores.Count)
            {
                WriteCore(writer, cores[core], core);
            }
        }

        writer.Write("</ol></div>");
    }

    /// <summary>
    /// A used-of-total meter: <c>Mem[|||||     3.1G/7.8G]</c>, or <c>Mem[|||||####  3.1G/7.8G]</c> with the cache band
    /// when it is known. <paramref name="kind"/> is a fixed CSS token and <paramref name="label"/> the fixed word htop
    /// prints (<c>Mem</c>, <c>Swp</c>); the texts are encoded.
    /// </summary>
    public static void WriteMeter(TextWriter writer, HtmlEncoder encoder, MeterViewModel meter, string kind, string label, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(meter);
        var percent = Math.Clamp(meter.Percent, 0, 100);
        writer.Write("<div class=\"meter ");
        writer.Write(kind);
        writer.Write(" p");
        if (meter.CachePercent is { } cachePercent)
        {
            var cache = Math.Clamp(cachePercent, 0, 100 - percent);
            Number(writer, percent + cache);
            writer.Write(" s");
            Number(writer, cache);
            writer.Write(" split");
        }
        else
        {
            Number(writer, percent);
            writer.Write(' ');
            writer.Write(Format.Band(percent));
        }

        writer.Write("\" role=\"meter\" aria-label=\"");
        writer.Write(name);
        writer.Write(' ');
        encoder.Encode(writer, meter.Text);
        WriteCacheDetail(writer, encoder, meter);
        writer.Write("\" aria-valuenow=\"");
        Number(writer, percent);
        writer.Write("\" title=\"");
        writer.Write(name);
        writer.Write(": ");
        encoder.Encode(writer, meter.Detail);
        WriteCacheDetail(writer, encoder, meter);
        writer.Write("\"><b>");
        writer.Write(label);
        writer.Write("</b><span class=\"");
        writer.Write(kind);
        writer.Write("-text\">");
        encoder.Encode(writer, meter.Text);
        writer.Write("</span></div>");
    }

    private static void WriteCacheDetail(TextWriter writer, HtmlEncoder encoder, MeterViewModel meter)
    {
        if (meter.CachePercent is not null && meter.CacheDetail.Length > 0)
        {
            writer.Write(", ");
            encoder.Encode(writer, meter.CacheDetail);
        }
    }

    internal static void Number(TextWriter writer, int value)
    {
        if ((uint)value < (uint)Numbers.Length)
        {
            writer.Write(Numbers[value]);
            return;
        }

        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
    }
}
