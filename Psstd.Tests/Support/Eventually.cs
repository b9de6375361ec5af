namespace Psstd.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes; the failure names what was awaited.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public static async Task<T> ReturnsAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<T?>> probe)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        T? last = null;
        while (true)
        {
            try
            {
                last = await probe(deadline.Token);
                if (last is not null)
                {
                    return last;
                }

                await Task.Delay(PollEvery, TimeProvider.System, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0.#}s: {what}");
            }
        }
    }
}
