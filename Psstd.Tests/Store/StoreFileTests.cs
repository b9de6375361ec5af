using Microsoft.Data.Sqlite;
using Psstd.Agent.Store;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Store;

/// <summary>The store refuses what is not its own, with one line naming the path, and leaves the file as it was.</summary>
public sealed class StoreFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File(StoreSchema.FileName);

    [Fact]
    public void Garbage_IsRefusedNamingThePath_AndLeftUntouched()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(DbPath, garbage);

        var error = Assert.Throws<StartupConfigurationException>(() => ClusterStore.Open(_dir.Path));

        Assert.Contains(DbPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void AnotherApplicationsDatabase_IsRefused_AndLeftUntouched()
    {
        ForeignDatabase.Create(DbPath, applicationId: 0);
        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<StartupConfigurationException>(() => ClusterStore.Open(_dir.Path));

        Assert.Contains(DbPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void AStoreOfANewerSchema_IsRefused()
    {
        using (var store = ClusterStore.Open(_dir.Path))
        {
        }

        using (var connection = new SqliteConnection(StoreFile.ConnectionString(DbPath, pooling: false)))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {StoreSchema.Version + 1}";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StartupConfigurationException>(() => ClusterStore.Open(_dir.Path));

        Assert.Contains("newer psstd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptPage_IsRefused()
    {
        using (var store = ClusterStore.Open(_dir.Path))
        {
            store.Write(new StoreBatch(DateTimeOffset.UnixEpoch, [], [.. Enumerable.Range(0, 2000).Select(i => new HistorySample(Guid.NewGuid(), i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))], []));
        }

        var bytes = File.ReadAllBytes(DbPath);
        new Random(3).NextBytes(bytes.AsSpan(4096 * 2, 4096 * 4)); // pages 3 to 6: the history tree
        File.WriteAllBytes(DbPath, bytes);

        var error = Assert.Throws<StartupConfigurationException>(() => ClusterStore.Open(_dir.Path));

        Assert.Contains(DbPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(bytes, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void AnEmptyFile_IsANewStore()
    {
        File.WriteAllBytes(DbPath, []);

        using var store = ClusterStore.Open(_dir.Path);

        Assert.Empty(store.LoadNodes());
    }

    public void Dispose() => _dir.Dispose();
}
