using System.Runtime.CompilerServices;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Instance;
using Psstd.Contracts;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.LocalApi;

/// <summary><c>GET /v1/status</c>: what this agent is and how it is set up, for <c>status</c> and <c>doctor</c>. Never key material.</summary>
internal static class StatusEndpoints
{
    public static WebApplication MapAgentStatus(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(AgentStatusRoutes.Status, (AgentSettings settings, LocalNode local, InstanceOwner owner, GossipMetrics counters, TimeProvider time) =>
            TypedResults.Json(Describe(settings, local.Current, owner, counters, time.GetUtcNow()), LocalApiJsonContext.Default.AgentStatus));
        return app;
    }

    public static AgentStatus Describe(AgentSettings settings, NodeRecord self, InstanceOwner owner, GossipMetrics counters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(counters);
        var dropped = new Dictionary<string, long>();
        foreach (var outcome in Enum.GetValues<DecodeOutcome>())
        {
            if (outcome != DecodeOutcome.Accepted && counters.PacketsIn(outcome) is > 0 and var count)
            {
                dropped[outcome.ToString()] = count;
            }
        }

        return new AgentStatus(
            self.Id,
            self.Name,
            self.Generation,
            settings.Cluster,
            self.AgentVersion,
            owner.ProcessId,
            owner.StartedAt,
            now,
            settings.Gossip.ToString(),
            settings.AdvertiseGossip,
            [.. settings.Seeds.Select(s => s.ToString())],
            settings.SocketPath,
            settings.StateDirectory,
            settings.Keys.Count,
            settings.Ttl.TotalSeconds,
            settings.Interval.TotalSeconds,
            new GossipTraffic(counters.PacketsOut, counters.PacketsIn(DecodeOutcome.Accepted), counters.SendFailures, counters.RecordsNew, dropped, counters.RepliesRefused, counters.PreviousVersionIn),
            RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT");
    }
}
