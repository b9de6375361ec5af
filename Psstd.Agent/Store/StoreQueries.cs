using Microsoft.Data.Sqlite;
using Psstd.Contracts;

namespace Psstd.Agent.Store;

/// <summary>Reads of the store for the local API, each on a pooled connection of its own: they never wait for the writer (WAL).</summary>
internal sealed class StoreQueries(string connectionString)
{
    /// <summary>
    /// A node's history in [<paramref name="since"/>, <paramref name="until"/>), averaged into buckets of
    /// <paramref name="resolution"/> (each point dated at its bucket's start), oldest first.
    /// </summary>
    public IReadOnlyList<HistoryPoint> History(Guid id, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at / $bucket * $bucket,
                   avg(cpu), avg(cpu_max), avg(mem_used), avg(mem_total), avg(swap_used),
                   avg(load1), avg(load5), avg(load15), avg(disk_read), avg(disk_write), avg(net_rx), avg(net_tx)
            FROM history WHERE node_id = $id AND at >= $since AND at < $until
            GROUP BY at / $bucket ORDER BY 1
            """;
        command.Parameters.AddWithValue("$id", id.ToByteArray());
        command.Parameters.AddWithValue("$bucket", Math.Max(1, (long)resolution.TotalMilliseconds));
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var points = new List<HistoryPoint>();
        while (reader.Read())
        {
            points.Add(new HistoryPoint(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                Math.Round(reader.GetDouble(1) / 10.0, 2),
                Math.Round(reader.GetDouble(2) / 10.0, 2),
                Whole(reader, 3),
                Whole(reader, 4),
                Whole(reader, 5),
                Math.Round(reader.GetDouble(6) / 100.0, 3),
                Math.Round(reader.GetDouble(7) / 100.0, 3),
                Math.Round(reader.GetDouble(8) / 100.0, 3),
                Whole(reader, 9),
                Whole(reader, 10),
                Whole(reader, 11),
                Whole(reader, 12)));
        }

        return points;
    }

    /// <summary>Events newest first, of one node or of all.</summary>
    public IReadOnlyList<ClusterEvent> Events(Guid? node, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = node is null
            ? "SELECT at, node_id, node_name, kind, detail FROM events ORDER BY seq DESC LIMIT $limit"
            : "SELECT at, node_id, node_name, kind, detail FROM events WHERE node_id = $id ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        if (node is { } id)
        {
            command.Parameters.AddWithValue("$id", id.ToByteArray());
        }

        using var reader = command.ExecuteReader();
        var events = new List<ClusterEvent>();
        while (reader.Read())
        {
            events.Add(new ClusterEvent(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                new Guid(reader.GetFieldValue<byte[]>(1)),
                reader.GetString(2),
                (ClusterEventKind)reader.GetInt32(3),
                reader.GetString(4)));
        }

        return events;
    }

    /// <summary>A stored node by id or by name (the most recently seen one when several share it); null when none.</summary>
    public (Guid Id, string Name)? FindNode(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        using var connection = Open();
        using var command = connection.CreateCommand();
        if (Guid.TryParse(idOrName, out var id))
        {
            command.CommandText = "SELECT id, name FROM nodes WHERE id = $id";
            command.Parameters.AddWithValue("$id", id.ToByteArray());
        }
        else
        {
            command.CommandText = "SELECT id, name FROM nodes WHERE name = $name ORDER BY seen_at DESC LIMIT 1";
            command.Parameters.AddWithValue("$name", idOrName);
        }

        using var reader = command.ExecuteReader();
        return reader.Read() ? (new Guid(reader.GetFieldValue<byte[]>(0)), reader.GetString(1)) : null;
    }

    /// <summary>Rows of history held (raw and averaged), for the size report.</summary>
    public long HistoryRows()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM history";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Bytes of the pages holding data, as of the last commit.</summary>
    public long UsedBytes()
    {
        using var connection = Open();
        return StoreFile.UsedBytes(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static long Whole(SqliteDataReader reader, int ordinal) => (long)Math.Round(reader.GetDouble(ordinal));
}
