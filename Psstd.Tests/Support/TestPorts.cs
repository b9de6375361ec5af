namespace Psstd.Tests.Support;

/// <summary>
/// Starting points for port searches, spread over a range no default psstd port uses, so tests do not
/// collide with a local cluster a developer runs at the same time (8080+, 7947+).
/// </summary>
public static class TestPorts
{
    private static int _next = 20_000 + (Environment.ProcessId % 200 * 100);

    public static int Next() => Interlocked.Add(ref _next, 50);
}
