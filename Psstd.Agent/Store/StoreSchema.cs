namespace Psstd.Agent.Store;

/// <summary>
/// The store file's layout. <see cref="ApplicationId"/> and <see cref="Version"/> live in the SQLite
/// header (<c>PRAGMA application_id</c>, <c>PRAGMA user_version</c>), so the agent recognises its own
/// file before touching anything and refuses a foreign one.
/// </summary>
/// <remarks>
/// Times are Unix milliseconds of this agent's wall clock (display and export only; freshness never
/// comes from them). History values are integers to keep rows small: CPU in tenths of a percent,
/// loads in hundredths, everything else in bytes or bytes per second.
/// </remarks>
internal static class StoreSchema
{
    /// <summary>"psst" in ASCII.</summary>
    public const int ApplicationId = 0x70737374;

    public const int Version = 1;

    public const string FileName = "psstd.db";

    /// <summary>Raw history (one row per new sequence, at most one a second per node) is kept this long, then thinned.</summary>
    public static readonly TimeSpan RawWindow = TimeSpan.FromHours(1);

    /// <summary>Resolution of history older than <see cref="RawWindow"/>.</summary>
    public static readonly TimeSpan ThinnedResolution = TimeSpan.FromMinutes(1);

    /// <summary>At most this many events are kept; older ones are dropped with the history they belong to.</summary>
    public const int MaxEvents = 10_000;

    /// <summary>
    /// History is keyed by node, then time: a node's range is one index scan, and thinning walks node by
    /// node, so no second index on time slows every write. <c>span_ms</c> is 0 for a raw point and the
    /// bucket length for an averaged one.
    /// </summary>
    public const string Create = """
        CREATE TABLE nodes (
            id BLOB NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            record BLOB NOT NULL,
            seen_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX nodes_by_name ON nodes (name);
        CREATE TABLE history (
            node_id BLOB NOT NULL,
            at INTEGER NOT NULL,
            span_ms INTEGER NOT NULL,
            cpu INTEGER NOT NULL,
            cpu_max INTEGER NOT NULL,
            mem_used INTEGER NOT NULL,
            mem_total INTEGER NOT NULL,
            swap_used INTEGER NOT NULL,
            load1 INTEGER NOT NULL,
            load5 INTEGER NOT NULL,
            load15 INTEGER NOT NULL,
            disk_read INTEGER NOT NULL,
            disk_write INTEGER NOT NULL,
            net_rx INTEGER NOT NULL,
            net_tx INTEGER NOT NULL,
            PRIMARY KEY (node_id, at)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            node_id BLOB NOT NULL,
            node_name TEXT NOT NULL,
            kind INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX events_by_node ON events (node_id, seq);
        """;
}
