namespace Psstd.AppHost.Model;

public enum ProcessRole
{
    Agent,
    Dashboard,
}

/// <summary>One child process: what to run and with which environment.</summary>
/// <param name="Label">Prefix of its output lines, e.g. <c>node-1/agent</c>.</param>
/// <param name="Namespace">The network namespace it runs in (through <c>ip netns exec</c>, which keeps its pid); null for the host's.</param>
public sealed record ProcessSpec(string Label, ProcessRole Role, string Program, IReadOnlyDictionary<string, string> Environment, string? Namespace = null);
