using System.Globalization;
using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Agent.Identity;

/// <summary>
/// Keeps the node id and the generation counter as small text files in the state directory.
/// The generation is written before the agent publishes anything, by write-then-rename, so a crash
/// can never let a restarted node reuse a generation its peers have already seen.
/// </summary>
internal static class NodeIdentityStore
{
    public const string IdFile = "node-id";
    public const string GenerationFile = "generation";

    /// <summary>Loads or creates the id, increments and persists the generation.</summary>
    /// <exception cref="StartupConfigurationException">The directory cannot be used or holds foreign content.</exception>
    public static NodeIdentity Start(string stateDirectory)
    {
        try
        {
            PrivateFiles.CreateDirectory(stateDirectory);
            var id = LoadOrCreateId(stateDirectory);
            var generation = ReadGeneration(stateDirectory) + 1;
            WriteAtomically(Path.Combine(stateDirectory, GenerationFile), generation.ToString(CultureInfo.InvariantCulture));
            return new NodeIdentity(id, generation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                [new ConfigurationError(AgentVariables.StateDirectory, stateDirectory, $"must be a writable directory ({ex.Message})")]);
        }
    }

    /// <summary>
    /// Moves the generation on while running (this node outranks a claim on its identity): written before the
    /// record that carries it is published, so a restart continues above it.
    /// </summary>
    public static void SaveGeneration(string stateDirectory, long generation) =>
        WriteAtomically(Path.Combine(stateDirectory, GenerationFile), generation.ToString(CultureInfo.InvariantCulture));

    private static Guid LoadOrCreateId(string directory)
    {
        var path = Path.Combine(directory, IdFile);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            return Guid.TryParse(text, out var id)
                ? id
                : throw new StartupConfigurationException(
                    [new ConfigurationError(AgentVariables.StateDirectory, directory, $"holds {path}, which is not a node id; move it away")]);
        }

        var created = Guid.NewGuid();
        WriteAtomically(path, created.ToString("D"));
        return created;
    }

    private static long ReadGeneration(string directory)
    {
        var path = Path.Combine(directory, GenerationFile);
        if (!File.Exists(path))
        {
            return 0;
        }

        return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StartupConfigurationException(
                [new ConfigurationError(AgentVariables.StateDirectory, directory, $"holds {path}, which is not a generation number; move it away")]);
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var stream = PrivateFiles.Open(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
