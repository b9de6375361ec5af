using System.Globalization;
using Microsoft.Data.Sqlite;
using Psstd.Configuration;

namespace Psstd.Agent.Store;

/// <summary>
/// Opens the store file, or creates it, and refuses what is not ours: the agent never deletes or
/// rewrites a file it did not write, it stops with one line naming the path and what is wrong.
/// </summary>
internal static class StoreFile
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private static int s_initialized;

    /// <summary>Loads the bundled SQLite once per process.</summary>
    public static void InitializeSqlite()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }
    }

    /// <summary>The connection string every connection to <paramref name="path"/> uses.</summary>
    public static string ConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
        DefaultTimeout = 5,
    }.ToString();

    /// <summary>
    /// Opens the writer's connection: checks the file is ours (or new), creates the schema in a new one,
    /// then switches to WAL with <c>synchronous=NORMAL</c>: a commit is one WAL append, no fsync per record,
    /// and a killed process loses at most the batch it was writing.
    /// </summary>
    /// <exception cref="StartupConfigurationException">The file is not a SQLite database, is corrupt, belongs to another application or to a newer psstd.</exception>
    public static SqliteConnection Open(string path)
    {
        InitializeSqlite();
        CheckHeader(path);
        var connection = new SqliteConnection(ConnectionString(path, pooling: false));
        try
        {
            connection.Open();
            Recognise(connection, path);
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=67108864; PRAGMA foreign_keys=OFF;");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Refuse(path, $"cannot be used as a SQLite database (SQLite error {ex.SqliteErrorCode}: {FirstLine(ex.Message)})", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The one line an operator reads when the file at <paramref name="path"/> cannot be used.</summary>
    public static StartupConfigurationException Refuse(string path, string what, Exception? inner = null)
    {
        var message = $"store {path} {what}; the agent leaves it untouched: move it away or set PSSTD_DB to another directory";
        return inner is null ? new StartupConfigurationException(message) : new StartupConfigurationException(message, inner);
    }

    /// <summary>A file that is there must start with the SQLite header; an empty one is a store never written to.</summary>
    private static void CheckHeader(string path)
    {
        if (Directory.Exists(path))
        {
            throw Refuse(path, "is a directory, not a file");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Span<byte> start = stackalloc byte[SqliteHeader.Length];
            var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                return;
            }

            if (read < start.Length || !start.SequenceEqual(SqliteHeader))
            {
                throw Refuse(path, "is not a SQLite database (its first bytes are not the SQLite header)");
            }
        }
        catch (FileNotFoundException)
        {
            // a new store
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refuse(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static void Recognise(SqliteConnection connection, string path)
    {
        var applicationId = Scalar(connection, "PRAGMA application_id");
        var version = Scalar(connection, "PRAGMA user_version");
        var tables = Scalar(connection, "SELECT count(*) FROM sqlite_master");
        if (applicationId == 0 && version == 0 && tables == 0)
        {
            using var create = connection.BeginTransaction();
            Execute(connection, StoreSchema.Create, create);
            Execute(connection, $"PRAGMA application_id={StoreSchema.ApplicationId}; PRAGMA user_version={StoreSchema.Version};", create);
            create.Commit();
            return;
        }

        if (applicationId != StoreSchema.ApplicationId)
        {
            throw Refuse(path, $"is a SQLite database of another application (application_id 0x{applicationId:x8}, {tables} schema objects), not a psstd store");
        }

        if (version != StoreSchema.Version)
        {
            throw Refuse(path, version > StoreSchema.Version
                ? $"was written by a newer psstd (store schema {version}; this agent reads schema {StoreSchema.Version})"
                : $"has an unknown store schema {version} (this agent reads schema {StoreSchema.Version})");
        }

        var check = Text(connection, "PRAGMA quick_check");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw Refuse(path, $"is corrupt (SQLite quick_check: {FirstLine(check)})");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Bytes of the pages holding data; the file may be larger, as freed pages are kept for reuse.</summary>
    internal static long UsedBytes(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())";
        var pages = (long)command.ExecuteScalar()!;
        command.CommandText = "PRAGMA page_size";
        return pages * (long)command.ExecuteScalar()!;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
