using Psstd.Agent.Gossip;
using Psstd.Agent.Heartbeat;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.LocalApi;

/// <summary><c>GET /v1/contacts</c>: every address gossip may dial, where it came from and when it was last heard.</summary>
internal static class ContactsEndpoints
{
    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(LocalApiRoutes.Contacts, (ContactBook contacts, ClusterState cluster, LocalNode local) =>
        {
            var self = local.Current.Id;
            var peers = cluster.Entries()
                .Where(e => e.Id != self && e.GossipEndPoint is not null)
                .Select(e => new Contact(e.GossipEndPoint!, ContactSource.Gossip, e.Decode().Name));
            return TypedResults.Json(contacts.List(peers), LocalApiJsonContext.Default.GossipContactList);
        });
        return app;
    }
}
