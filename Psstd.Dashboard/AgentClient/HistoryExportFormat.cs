namespace Psstd.Dashboard.AgentClient;

/// <summary>The raw forms the agent exports a node's history in.</summary>
public enum HistoryExportFormat
{
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,

    /// <summary>One JSON object per line.</summary>
    Ndjson,
}
