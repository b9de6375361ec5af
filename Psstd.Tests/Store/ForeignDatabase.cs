using Microsoft.Data.Sqlite;
using Psstd.Agent.Store;

namespace Psstd.Tests.Store;

/// <summary>A small SQLite database of some other program, where the store would be.</summary>
internal static class ForeignDatabase
{
    public static void Create(string path, int applicationId)
    {
        StoreFile.InitializeSqlite();
        using var connection = new SqliteConnection(StoreFile.ConnectionString(path, pooling: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA application_id = {applicationId}; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me');";
        command.ExecuteNonQuery();
    }
}
