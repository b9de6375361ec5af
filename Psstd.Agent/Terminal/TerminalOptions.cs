using Psstd.Contracts;
using Psstd.ClusterView;
namespace Psstd.Agent.Terminal;

/// <summary>How a frame is laid out.</summary>
/// <param name="Now">Wall clock shown in the header; display only.</param>
/// <param name="List">One line per node instead of the grid.</param>
/// <param name="Interactive">On a terminal: the header names the keys.</param>
/// <param name="Source">Where the data comes from, shown in the header (such as "mirror of /run/psstd/agent.sock").</param>
internal sealed record TerminalOptions(DateTimeOffset Now, SortKey Sort = SortKey.Name, bool List = false, bool Interactive = false, string Source = "")
{
    /// <summary>Names read best A to Z; every measure is most useful largest first, as on the dashboard.</summary>
    public bool Descending => Sort != SortKey.Name;

    /// <summary>The token of a sort key on the command line, as on the dashboard's URLs: <c>cpumax</c>.</summary>
    public static string Token(SortKey sort) => sort.ToString().ToLowerInvariant();

    public static SortKey? ParseSort(string text) =>
        Enum.GetValues<SortKey>().Select(s => (SortKey?)s).FirstOrDefault(s => Token(s!.Value) == text);
}
