using Psstd.AppHost.Model;
using Psstd.AppHost.Resources;

namespace Psstd.Tests.AppHost;

/// <summary>How a child is started: an assembly under <c>dotnet exec</c>, a native executable (the AOT agent) as it is, either inside its namespace.</summary>
public sealed class ChildLaunchTests
{
    [Theory]
    [InlineData("/b/psstd-agent.dll", null, "dotnet exec /b/psstd-agent.dll")]
    [InlineData("/b/psstd-agent.dll", "ns-1", "ip netns exec ns-1 dotnet exec /b/psstd-agent.dll")]
    [InlineData("/b/native-agent/psstd-agent", null, "/b/native-agent/psstd-agent")]
    [InlineData("/b/native-agent/psstd-agent", "ns-1", "ip netns exec ns-1 /b/native-agent/psstd-agent")]
    public void AnAssemblyRunsUnderDotnetExec_ANativeExecutableAsItIs_InTheHostOrItsNamespace(string program, string? space, string expected)
    {
        var (command, arguments) = ChildLaunch.CommandLine(new ProcessSpec("n/agent", ProcessRole.Agent, program, new Dictionary<string, string>(), space));

        Assert.Equal(expected, string.Join(' ', [command, .. arguments]));
    }
}
