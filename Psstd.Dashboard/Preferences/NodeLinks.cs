using Psstd.Dashboard.AgentClient;

namespace Psstd.Dashboard.Preferences;

/// <summary>The dashboard's own URLs for one node: its page and its history exports. Pure.</summary>
public static class NodeLinks
{
    /// <summary><c>{pathBase}/nodes/{name}</c>, the name escaped.</summary>
    public static string Page(string pathBase, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return $"{pathBase}/nodes/{Uri.EscapeDataString(name)}";
    }

    /// <summary><c>{pathBase}/nodes/{name}/history.csv</c> or <c>.ndjson</c>.</summary>
    public static string Export(string pathBase, string name, HistoryExportFormat format) =>
        $"{Page(pathBase, name)}/history.{Extension(format)}";

    public static string Extension(HistoryExportFormat format) => format == HistoryExportFormat.Csv ? "csv" : "ndjson";

    /// <summary><paramref name="path"/> plus the query a page carries (pins and display preferences, no hop state).</summary>
    public static string WithQuery(string path, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return UrlQuery.Build(path, address.Carried());
    }
}
