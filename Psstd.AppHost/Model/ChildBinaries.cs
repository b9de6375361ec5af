using System.Reflection;

namespace Psstd.AppHost.Model;

/// <summary>Paths of the agent and dashboard builds the host launches (with <c>dotnet exec</c>).</summary>
public sealed record ChildBinaries(string AgentDll, string DashboardDll)
{
    /// <summary>The builds recorded at compile time by Psstd.AppHost.csproj, next to this assembly's own build.</summary>
    public static ChildBinaries FromBuild()
    {
        var metadata = typeof(ChildBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value ?? "", StringComparer.Ordinal);
        return new ChildBinaries(metadata["PsstdAgentPath"], metadata["PsstdDashboardPath"]);
    }
}
