using Microsoft.Data.Sqlite;
using Psstd.Contracts;
using Psstd.Configuration;

namespace Psstd.Agent.Store;

/// <summary>
/// The agent's SQLite store (<c>psstd.db</c> in the state directory): the latest record of every node,
/// history and events. One writer connection, used only by <see cref="StoreWriter"/>'s loop; readers
/// (the local API) take pooled connections of their own, which WAL lets read while the writer writes.
/// </summary>
internal sealed partial class ClusterStore : IDisposable
{
    private readonly SqliteConnection _writer;

    // The statements of every batch, prepared once and kept (BatchStatements); each runs in the batch's transaction.
    private BatchStatements? _batch;

    private ClusterStore(string path, SqliteConnection writer)
    {
        Path = path;
        _writer = writer;
        Queries = new StoreQueries(StoreFile.ConnectionString(path, pooling: true));
    }

    public string Path { get; }

    /// <summary>The writer's connection, for tests that watch its commits.</summary>
    internal SqliteConnection Writer => _writer;

    /// <summary>Reads for the local API, on their own connections.</summary>
    public StoreQueries Queries { get; }

    /// <exception cref="Psstd.Configuration.StartupConfigurationException">The file is not a usable psstd store.</exception>
    public static ClusterStore Open(string stateDirectory)
    {
        PrivateFiles.CreateDirectory(stateDirectory);
        var path = System.IO.Path.Combine(stateDirectory, StoreSchema.FileName);

        // SQLite gives its -wal and -shm files the mode of the database file: a 0600 database keeps all three private.
        PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite).Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            PrivateFiles.Restrict(path + suffix);
        }

        return new ClusterStore(path, StoreFile.Open(path));
    }

    /// <summary>Commits <paramref name="batch"/> in one transaction: one WAL append, no fsync (synchronous=NORMAL).</summary>
    public void Write(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        using var transaction = _writer.BeginTransaction();
        WriteNodes(batch.Nodes);
        WriteHistory(batch.History);
        WriteEvents(batch.Events, transaction);
        DeleteNodes(batch.Removed ?? [], transaction);
        transaction.Commit();
    }

    /// <summary>Every stored node's latest record, as written.</summary>
    public IReadOnlyList<StoredNode> LoadNodes()
    {
        using var command = Command(null, "SELECT id, name, record, seen_at FROM nodes");
        using var reader = command.ExecuteReader();
        var nodes = new List<StoredNode>();
        while (reader.Read())
        {
            nodes.Add(new StoredNode(
                new Guid(reader.GetFieldValue<byte[]>(0)),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return nodes;
    }

    /// <summary>Bytes on disk: the database file and its WAL.</summary>
    public StoreSize Size() => new(FileLength(Path), FileLength(Path + "-wal"));

    public void Dispose()
    {
        _batch?.Dispose();
        _writer.Dispose();
    }

    private void WriteNodes(IReadOnlyList<StoredNode> nodes)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var batch = _batch ??= new BatchStatements(_writer);
        for (var i = 0; i < nodes.Count; i++)
        {
            batch.Node(nodes[i]);
        }
    }

    private void DeleteNodes(IReadOnlyList<Guid> removed, SqliteTransaction transaction)
    {
        if (removed.Count == 0)
        {
            return;
        }

        using var command = Command(transaction, "DELETE FROM nodes WHERE id = $id; DELETE FROM history WHERE node_id = $id");
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        foreach (var node in removed)
        {
            id.Value = node.ToByteArray();
            command.ExecuteNonQuery();
        }
    }

    private void WriteHistory(IReadOnlyList<HistorySample> samples)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var batch = _batch ??= new BatchStatements(_writer);
        for (var i = 0; i < samples.Count; i++)
        {
            batch.History(samples[i]);
        }
    }

    private void WriteEvents(IReadOnlyList<ClusterEvent> events, SqliteTransaction transaction)
    {
        if (events.Count == 0)
        {
            return;
        }

        using var command = Command(transaction, "INSERT INTO events (at, node_id, node_name, kind, detail) VALUES ($at, $id, $name, $kind, $detail)");
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var kind = command.Parameters.Add("$kind", SqliteType.Integer);
        var detail = command.Parameters.Add("$detail", SqliteType.Text);
        foreach (var e in events)
        {
            at.Value = e.At.ToUnixTimeMilliseconds();
            id.Value = e.NodeId.ToByteArray();
            name.Value = e.NodeName;
            kind.Value = (int)e.Kind;
            detail.Value = e.Detail;
            command.ExecuteNonQuery();
        }
    }

    private List<byte[]> NodeIds(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT id FROM nodes");
        using var reader = command.ExecuteReader();
        var ids = new List<byte[]>();
        while (reader.Read())
        {
            ids.Add(reader.GetFieldValue<byte[]>(0));
        }

        return ids;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static long FileLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}

/// <summary>The store's size on disk.</summary>
internal readonly record struct StoreSize(long DatabaseBytes, long WalBytes)
{
    public long TotalBytes => DatabaseBytes + WalBytes;
}
