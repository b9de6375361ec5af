using Psstd.Tests.Integration;

namespace Psstd.Tests.Browser;

/// <summary>
/// The base of every browser test class: it puts the class in the real-process collection (one at a time) and the
/// Browser category, and runs a test's steps in a <see cref="BrowserRun"/> that reports to the test's output.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Browser")]
public abstract class BrowserTest(ITestOutputHelper output)
{
    /// <summary>How long one Playwright step, or one wait for a condition, may take.</summary>
    protected static TimeSpan StepTimeout { get; } = TimeSpan.FromSeconds(30);

    protected ITestOutputHelper Output { get; } = output;

    /// <inheritdoc cref="BrowserRun.RunAsync"/>
    private protected Task RunAsync(TimeSpan limit, Func<BrowserRun, Task> steps) => BrowserRun.RunAsync(Output, limit, steps);
}
