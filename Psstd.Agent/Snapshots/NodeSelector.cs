namespace Psstd.Agent.Snapshots;

/// <summary>
/// How an operator names a node, in local-API routes and CLI commands alike: a GUID names the node with that
/// id, anything else the node with that name (exactly, case-sensitive).
/// </summary>
internal static class NodeSelector
{
    public static bool Selects(string idOrName, Guid id, string name) =>
        Guid.TryParse(idOrName, out var wanted) ? wanted == id : string.Equals(name, idOrName, StringComparison.Ordinal);
}
