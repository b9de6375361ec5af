using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Api;

/// <summary>
/// The events of <c>/api/cluster/stream</c>: <c>snapshot</c> with the whole cluster first (and again after the
/// agent comes back), then <c>changes</c> only when something changed, <c>error</c> while the agent fails.
/// </summary>
/// <remarks>The answers come from the shared <see cref="ClusterPoll"/>; this turns one client's sequence of them into events.</remarks>
public sealed class ClusterEventFeed(DashboardSettings settings)
{
    public async IAsyncEnumerable<SseItem<string>> EventsAsync(
        ChannelReader<AgentResult<ClusterSnapshot>> answers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ClusterSnapshot? last = null;
        await foreach (var result in answers.ReadAllAsync(cancellationToken))
        {
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
        }
    }
}
