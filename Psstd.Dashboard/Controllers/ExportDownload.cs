using System.Text;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Controllers;

/// <summary>How the dashboard serves a history export: content type and download name. Pure.</summary>
public static class ExportDownload
{
    public static string ContentType(HistoryExportFormat format) =>
        format == HistoryExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    /// <summary>
    /// <c>psstd-{node}-history.csv</c>, with anything but letters, digits, dot, dash and underscore replaced by a
    /// dash: node names come from peers and must not steer where a browser saves the file.
    /// </summary>
    public static string FileName(string node, HistoryExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(node);
        var safe = new StringBuilder(node.Length);
        foreach (var c in node)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        return $"psstd-{safe.ToString().Trim('.')}-history.{NodeLinks.Extension(format)}";
    }
}
