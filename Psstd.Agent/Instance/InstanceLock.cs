using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Agent.Instance;

/// <summary>
/// The exclusive claim of one agent on its state directory: an OS lock on <see cref="FileName"/>, held
/// for the life of the process. The kernel drops it when the process dies, <c>kill -9</c> included, so
/// a crash never leaves a stale claim behind (the file itself stays; only the lock matters).
/// </summary>
/// <remarks>
/// On Linux and macOS .NET takes <c>flock(LOCK_EX | LOCK_NB)</c> for <see cref="FileShare.None"/>, which
/// excludes other processes (and other opens in this one); on Windows the share mode does the same. Setting
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> would turn this off, so an agent must not run with it.
/// </remarks>
internal sealed class InstanceLock : IDisposable
{
    public const string FileName = "agent.lock";

    private readonly FileStream _stream;

    private InstanceLock(FileStream stream, string stateDirectory)
    {
        _stream = stream;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    /// <exception cref="StartupConfigurationException">The directory cannot be created or the lock file opened.</exception>
    public static InstanceLock? TryAcquire(string stateDirectory)
    {
        try
        {
            PrivateFiles.CreateDirectory(stateDirectory);
            var stream = PrivateFiles.Open(Path.Combine(stateDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new InstanceLock(stream, stateDirectory);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                [new ConfigurationError(AgentVariables.StateDirectory, stateDirectory, $"must be a writable directory ({ex.Message})")]);
        }
    }

    /// <summary>EWOULDBLOCK from flock surfaces as a sharing violation (HResult 0x80070020) on every platform.</summary>
    private static bool IsHeldElsewhere(IOException ex) => (ex.HResult & 0xFFFF) == 0x20 || ex.HResult == 11;

    /// <summary>Who holds the directory now, to be written (<see cref="InstanceOwner.Write"/>) once the ports are bound.</summary>
    public static InstanceOwner Owner(AgentSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        return new InstanceOwner(Environment.ProcessId, settings.NodeName, settings.Gossip.ToString(), settings.AdvertiseGossip, settings.SocketPath, time.GetUtcNow());
    }

    public void Dispose() => _stream.Dispose();
}
