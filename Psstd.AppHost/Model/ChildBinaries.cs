using System.Reflection;

namespace Psstd.AppHost.Model;

/// <summary>
/// The agent and dashboard builds the host launches. Each is an assembly (<c>.dll</c>, run under
/// <c>dotnet exec</c>) or a native executable such as the NativeAOT agent (run as it is).
/// </summary>
public sealed record ChildBinaries(string Agent, string Dashboard)
{
    /// <summary>
    /// Runs another agent build than the one built with the host, for example the NativeAOT agent:
    /// <c>PSSTD_APPHOST_AGENT=DIR/psstd-agent dotnet run --project Psstd.AppHost</c>. The tests' AOT pass uses it.
    /// </summary>
    public const string AgentVariable = "PSSTD_APPHOST_AGENT";

    /// <summary>
    /// The builds recorded at compile time by Psstd.AppHost.csproj, next to this assembly's own build; the
    /// agent is the one <see cref="AgentVariable"/> names when it is set.
    /// </summary>
    /// <exception cref="FileNotFoundException"><see cref="AgentVariable"/> names no file.</exception>
    public static ChildBinaries FromBuild()
    {
        var metadata = typeof(ChildBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value ?? "", StringComparer.Ordinal);
        var agent = metadata["PsstdAgentPath"];
        var chosen = Environment.GetEnvironmentVariable(AgentVariable);
        if (!string.IsNullOrEmpty(chosen))
        {
            agent = File.Exists(chosen)
                ? Path.GetFullPath(chosen)
                : throw new FileNotFoundException($"{AgentVariable}=\"{chosen}\" is invalid: must name an agent build (psstd-agent.dll or a native psstd-agent)", chosen);
        }

        return new ChildBinaries(agent, metadata["PsstdDashboardPath"]);
    }

    /// <summary>The agent's project file, recorded at compile time (the native agent is published from it).</summary>
    public static string AgentProject() =>
        typeof(ChildBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PsstdAgentProject").Value!;

    /// <summary>The command that runs <paramref name="program"/>: <c>dotnet exec</c> for an assembly, the file itself otherwise.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) CommandFor(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", ["exec", program]) : (program, []);
    }
}
