using System.Globalization;

namespace Psstd.Agent.Store;

/// <summary>
/// The store as others may see it: where it is, whether it is open, its size and how the writer fares.
/// Filled by <see cref="StoreWriter"/>; read by the health check, the local API and the operator commands.
/// </summary>
internal sealed class StoreStatus
{
    private ClusterStore? _store;
    private long _batches;
    private long _failures;
    private long _lastCommitTimestamp;
    private int _lastBatchNodes;
    private long _trimmedRows;

    /// <summary>The open store; null before the host has started (or after it stopped).</summary>
    public ClusterStore? Store => Volatile.Read(ref _store);

    /// <summary>Reads for the local API; null before the store is open.</summary>
    public StoreQueries? Queries => Store?.Queries;

    public long Batches => Interlocked.Read(ref _batches);

    public long FailedBatches => Interlocked.Read(ref _failures);

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the last commit; 0 before the first.</summary>
    public long LastCommitTimestamp => Interlocked.Read(ref _lastCommitTimestamp);

    /// <summary>Nodes whose records the last committed batch wrote.</summary>
    public int LastBatchNodes => Volatile.Read(ref _lastBatchNodes);

    /// <summary>The size limit (<c>PSSTD_DB_MAX_SIZE</c>) the writer keeps the pages in use under.</summary>
    public long MaxBytes { get; internal set; } = long.MaxValue;

    /// <summary>Nodes loaded from the store at start.</summary>
    public int RestoredNodes { get; internal set; }

    internal void Opened(ClusterStore store) => Volatile.Write(ref _store, store);

    internal void Closed() => Volatile.Write(ref _store, null);

    internal void Committed(long timestamp, int nodes)
    {
        Interlocked.Increment(ref _batches);
        Volatile.Write(ref _lastBatchNodes, nodes);
        Interlocked.Exchange(ref _lastCommitTimestamp, timestamp);
    }

    internal void Failed() => Interlocked.Increment(ref _failures);

    internal void Trimmed(long rows) => Interlocked.Add(ref _trimmedRows, rows);

    /// <summary>History rows dropped before their retention to keep under the size limit, since start.</summary>
    public long TrimmedRows => Interlocked.Read(ref _trimmedRows);

    /// <summary>One line for <c>/healthz</c>: path, size on disk, batches and the age of the last commit.</summary>
    public string Describe(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Store is not { } store)
        {
            return "store not open";
        }

        var size = store.Size();
        var last = LastCommitTimestamp;
        var age = last == 0 ? "none yet" : string.Create(CultureInfo.InvariantCulture, $"{time.GetElapsedTime(last).TotalSeconds:0.0}s ago");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{store.Path}: {size.TotalBytes / 1048576.0:0.0} MiB on disk ({size.TotalBytes} bytes, wal {size.WalBytes}), {store.Queries.UsedBytes() / 1048576.0:0.0} MiB in use of a {MaxBytes / 1048576.0:0} MiB limit; {Batches} batches, {FailedBatches} failed, last commit {age}; {RestoredNodes} nodes restored at start; {TrimmedRows} rows trimmed to fit the size limit");
    }
}
