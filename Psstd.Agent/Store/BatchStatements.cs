using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Psstd.Agent.Store;

/// <summary>
/// The writer's per-second statements (a node's latest record, a history row), prepared once on the writer's
/// connection and run through SQLite's own interface rather than <see cref="SqliteCommand"/>.
/// </summary>
/// <remarks>
/// These statements run about sixty times a second at N=30, every second of an agent's life. Each
/// <see cref="SqliteCommand.ExecuteNonQuery()"/> builds a data reader, a binder per parameter and boxes every
/// integer; bound here directly, a row costs a bind call per column, a step and a reset, and allocates nothing
/// (the node's id is written to the stack). They run inside the transaction the connection has open
/// (<see cref="ClusterStore.Write"/>), like any statement of that connection. A node whose name did not change
/// (nearly always) has only its record and time updated, which leaves the name index untouched; a new node or a
/// renamed one takes the full upsert.
/// </remarks>
internal sealed class BatchStatements : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _updateNode;
    private readonly sqlite3_stmt _upsertNode;
    private readonly sqlite3_stmt _insertHistory;

    public BatchStatements(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("the store's connection is not open");
        _updateNode = Prepare("UPDATE nodes SET record = ?3, seen_at = ?4 WHERE id = ?1 AND name = ?2");
        _upsertNode = Prepare("""
            INSERT INTO nodes (id, name, record, seen_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, record = excluded.record, seen_at = excluded.seen_at
            """);
        _insertHistory = Prepare("INSERT OR REPLACE INTO history VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    }

    /// <summary>Stores <paramref name="node"/> as its node's latest record.</summary>
    public void Node(StoredNode node)
    {
        Span<byte> id = stackalloc byte[16];
        node.Id.TryWriteBytes(id);
        var seen = node.SeenAt.ToUnixTimeMilliseconds();
        Bind(_updateNode, id, node.Name, node.Encoded, seen);
        Run(_updateNode);
        if (raw.sqlite3_changes(_db) == 0)
        {
            Bind(_upsertNode, id, node.Name, node.Encoded, seen);
            Run(_upsertNode);
        }
    }

    /// <summary>Adds (or replaces, for the same node and millisecond) one history row.</summary>
    public void History(in HistorySample s)
    {
        Span<byte> id = stackalloc byte[16];
        s.NodeId.TryWriteBytes(id);
        var statement = _insertHistory;
        Check(raw.sqlite3_bind_blob(statement, 1, id));
        Check(raw.sqlite3_bind_int64(statement, 2, s.AtMs));
        Check(raw.sqlite3_bind_int64(statement, 3, s.Cpu));
        Check(raw.sqlite3_bind_int64(statement, 4, s.CpuMax));
        Check(raw.sqlite3_bind_int64(statement, 5, s.MemoryUsed));
        Check(raw.sqlite3_bind_int64(statement, 6, s.MemoryTotal));
        Check(raw.sqlite3_bind_int64(statement, 7, s.SwapUsed));
        Check(raw.sqlite3_bind_int64(statement, 8, s.Load1));
        Check(raw.sqlite3_bind_int64(statement, 9, s.Load5));
        Check(raw.sqlite3_bind_int64(statement, 10, s.Load15));
        Check(raw.sqlite3_bind_int64(statement, 11, s.DiskRead));
        Check(raw.sqlite3_bind_int64(statement, 12, s.DiskWrite));
        Check(raw.sqlite3_bind_int64(statement, 13, s.NetRx));
        Check(raw.sqlite3_bind_int64(statement, 14, s.NetTx));
        Run(statement);
    }

    public void Dispose()
    {
        _updateNode.Dispose();
        _upsertNode.Dispose();
        _insertHistory.Dispose();
    }

    private void Bind(sqlite3_stmt statement, ReadOnlySpan<byte> id, string name, byte[] encoded, long seen)
    {
        Check(raw.sqlite3_bind_blob(statement, 1, id));
        Check(raw.sqlite3_bind_text(statement, 2, name));
        Check(raw.sqlite3_bind_blob(statement, 3, encoded));
        Check(raw.sqlite3_bind_int64(statement, 4, seen));
    }

    /// <summary>Steps a statement that returns no rows to its end and makes it ready for the next row, whatever happened.</summary>
    private void Run(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
