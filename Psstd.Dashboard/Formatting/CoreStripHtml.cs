using System.Globalization;
using System.Text;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Formatting;

/// <summary>
/// The per-core bars of one cell as one HTML string. A 1,000-node x 16-core page has 16,000 bars; writing each
/// through Razor (three encoded attributes apiece) dominated the partial's render time, and every value here is
/// an integer or a fixed token, so nothing needs encoding.
/// </summary>
public static class CoreStripHtml
{
    public static string Render(IReadOnlyList<CoreBarViewModel> cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var html = new StringBuilder(cores.Count * 56);
        for (var i = 0; i < cores.Count; i++)
        {
            var core = cores[i];
            html.Append(CultureInfo.InvariantCulture, $"<i class=\"core {Token(core.Band)}\" style=\"--pct:{core.Percent}\" title=\"cpu{i} {core.Percent}%\"></i>");
        }

        return html.ToString();
    }

    /// <summary>Only the three known bands reach the markup.</summary>
    private static string Token(string band) => band switch
    {
        "mid" => "mid",
        "high" => "high",
        _ => "low",
    };
}
