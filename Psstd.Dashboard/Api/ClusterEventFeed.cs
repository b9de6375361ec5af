using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Api;

/// <summary>
/// The events of <c>/api/cluster/stream</c>: <c>snapshot</c> with the whole cluster first (and again after the
/// agent comes back), then <c>changes</c> only when something changed, <c>error</c> while the agent fails.
/// </summary>
public sealed class ClusterEventFeed(IAgentClient agent, DashboardSettings settings, TimeProvider time)
{
    /// <summary>How often the stream asks the agent; the agent itself samples every few seconds.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(2);

    public async IAsyncEnumerable<SseItem<string>> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClusterSnapshot? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await agent.GetClusterAsync(cancellationToken);
            if (!result.IsOk)
            {
                last = null;
                var error = new ApiError(Format.AgentProblem(result.Outcome, result.Detail, settings.SocketPath));
                yield return new SseItem<string>(JsonSerializer.Serialize(error, DashboardApiJsonContext.Default.ApiError), "error");
            }
            else if (last is null)
            {
                last = result.Value;
                yield return new SseItem<string>(JsonSerializer.Serialize(last, DashboardApiJsonContext.Default.ClusterSnapshot), "snapshot");
            }
            else
            {
                var change = ClusterDiff.Between(last, result.Value);
                last = result.Value;
                if (!change.IsEmpty)
                {
                    yield return new SseItem<string>(JsonSerializer.Serialize(change, DashboardApiJsonContext.Default.ClusterChange), "changes");
                }
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}
