using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Configuration;
using Psstd.Agent.Events;
using Psstd.Agent.Identity;
using Psstd.Agent.Store;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;
using Psstd.Tests.Support;

namespace Psstd.Tests.Store;

/// <summary>A store writer over a temp state dir, a cluster state and one fake clock; <see cref="Restart"/> starts it again on the same dir.</summary>
internal sealed class StoreHarness : IDisposable
{
    public static readonly Guid Self = Guid.Parse("00000000-0000-0000-0000-00000000aaaa");

    private readonly TempDirectory _dir;
    private readonly bool _ownsDir;

    public StoreHarness(TempDirectory? dir = null, FakeTimeProvider? clock = null, long generation = 1, string retention = "2h", string? interval = null)
    {
        _ownsDir = dir is null;
        _dir = dir ?? new TempDirectory();
        Clock = clock ?? new FakeTimeProvider();
        var environment = new Dictionary<string, string> { ["PSSTD_DB"] = _dir.File("state"), ["PSSTD_RETENTION"] = retention };
        if (interval is not null)
        {
            environment["PSSTD_INTERVAL"] = interval;
        }

        Settings = AgentSettings.FromEnvironment(environment, "test-host");
        Cluster = new ClusterState(Clock);
        Status = new StoreStatus();
        Writer = new StoreWriter(Settings, Cluster, new NodeIdentity(Self, generation), Status, Clock, new EventJournal(), NullLogger<StoreWriter>.Instance);
        Writer.Open();
    }

    public FakeTimeProvider Clock { get; }

    public AgentSettings Settings { get; }

    public ClusterState Cluster { get; }

    public StoreStatus Status { get; }

    public StoreWriter Writer { get; }

    public ClusterStore Store => Status.Store!;

    public StoreQueries Queries => Status.Queries!;

    public string DatabasePath => Path.Combine(Settings.StateDirectory, StoreSchema.FileName);

    /// <summary>Merges a record as gossip would.</summary>
    public void Receive(NodeRecord record) => Cluster.Merge(RecordCodec.ToBytes(record));

    public static NodeRecord Node(int n, long sequence, long generation = 1, double cpu = 42.5, string version = "0.1.0") =>
        RecordSamples.Record(id: Id(n), name: $"node-{n}", sequence: sequence, generation: generation) with
        {
            AgentVersion = version,
            Metrics = RecordSamples.Metrics(4) with { CpuBusyPercent = cpu },
        };

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    /// <summary>Counts the commits of the writer's connection from now on.</summary>
    public Func<int> CountCommits()
    {
        var commits = 0;
        SQLitePCL.raw.sqlite3_commit_hook(Store.Writer.Handle, _ =>
        {
            Interlocked.Increment(ref commits);
            return 0;
        }, null);
        return () => Volatile.Read(ref commits);
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(StoreFile.ConnectionString(DatabasePath, pooling: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Stops this writer (as the host would) and starts another on the same state dir and clock, a new generation.</summary>
    public StoreHarness Restart()
    {
        Writer.StoppedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new StoreHarness(_dir, Clock, generation: 2);
    }

    public void Dispose()
    {
        Writer.StoppedAsync(CancellationToken.None).GetAwaiter().GetResult();
        Writer.Dispose();
        if (_ownsDir)
        {
            _dir.Dispose();
        }
    }
}
