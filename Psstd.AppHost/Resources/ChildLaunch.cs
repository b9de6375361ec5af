using Psstd.AppHost.Model;

namespace Psstd.AppHost.Resources;

/// <summary>
/// How a psstd process is started: its build's assembly under <c>dotnet exec</c> or its native executable
/// (<see cref="ChildBinaries.CommandFor"/>; no <c>dotnet run</c>, so no build check and no wrapper process per
/// resource), inside its namespace through <c>ip netns exec</c>, which execs it and so keeps its pid.
/// </summary>
public static class ChildLaunch
{
    public static (string Command, IReadOnlyList<string> Arguments) CommandLine(ProcessSpec process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var (fileName, arguments) = ChildBinaries.CommandFor(process.Program);
        return process.Namespace is null
            ? (fileName, arguments)
            : ("ip", ["netns", "exec", process.Namespace, fileName, .. arguments]);
    }
}
