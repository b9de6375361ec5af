using System.Text.Json;
using System.Text.Json.Serialization;
using Psstd.Configuration;

namespace Psstd.Agent.Instance;

/// <summary>
/// Who holds a state directory, written beside the lock by the agent that took it: a second start on
/// the same directory reads it to find the running agent's socket and gossip address. It is a hint only;
/// the lock alone says whether an agent runs.
/// </summary>
/// <param name="StartedAt">Wall clock at start, for display.</param>
internal sealed record InstanceOwner(int ProcessId, string NodeName, string Gossip, string AdvertiseGossip, string SocketPath, DateTimeOffset StartedAt)
{
    public const string FileName = "owner.json";

    /// <summary>Written whole, by write-then-rename: a reader sees the old owner or the new, never half.</summary>
    public void Write(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var temporary = path + ".tmp";
        using (var stream = PrivateFiles.Open(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(this, InstanceJsonContext.Default.InstanceOwner));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The owner file of <paramref name="stateDirectory"/>; null when missing or unreadable.</summary>
    public static InstanceOwner? Read(string stateDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(stateDirectory, FileName)), InstanceJsonContext.Default.InstanceOwner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(InstanceOwner))]
internal sealed partial class InstanceJsonContext : JsonSerializerContext;
