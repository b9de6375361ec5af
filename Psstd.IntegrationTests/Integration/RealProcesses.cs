namespace Psstd.Tests.Integration;

/// <summary>
/// Tests that start real processes run one at a time: on a 2-core machine, two clusters starting at
/// once would only test the scheduler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcesses
{
    public const string Name = "Real processes";
}
