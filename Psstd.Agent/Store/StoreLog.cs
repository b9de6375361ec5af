namespace Psstd.Agent.Store;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Store {Path} open: {Nodes} known nodes restored, {Bytes} bytes on disk")]
    public static partial void Opened(ILogger logger, string path, int nodes, long bytes);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Store write failed; the batch is retried next second")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Store thinning and retention failed; retried next minute")]
    public static partial void MaintainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Store {Path} reached PSSTD_DB_MAX_SIZE ({MaxBytes} bytes): dropped the {Rows} oldest history rows before their retention")]
    public static partial void Trimmed(ILogger logger, string path, long rows, long maxBytes);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Store {Path}: a stored record of node {Id} does not decode; skipped")]
    public static partial void RecordSkipped(ILogger logger, string path, Guid id);
}
