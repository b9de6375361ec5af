using Psstd.Gossip.Wire;
using System.Globalization;
using System.Net.Http.Json;
using Psstd.Agent.Heartbeat;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Netns;

namespace Psstd.Tests.Discovery;

/// <summary>
/// Our mDNS against a real implementation: Debian's Avahi in one network namespace, a real agent in
/// another, on a veth LAN the test creates and removes.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Netns")]
public sealed class AvahiInteropTests : IDisposable
{
    private const string Cluster = "interop";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _owned = [];

    [NetnsFact(Avahi = true)]
    public async Task AvahiBrowse_ListsOurAgent_WithItsPortAndTxt()
    {
        var lan = Own(new NamespacePair());
        var avahi = Own(await AvahiPeer.StartAsync(lan.A));
        var agent = StartAgent(lan.B, "alpha", 17947);
        try
        {
            using var client = AgentSocket.Client(_dir.File("agent.sock"));
            var snapshot = await Eventually.ReturnsAsync("the agent answers on its socket", Wait, async ct =>
            {
                try
                {
                    return await client.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, ct);
                }
                catch (HttpRequestException)
                {
                    return null; // not listening yet
                }
            });
            var line = await Eventually.ReturnsAsync("avahi-browse resolves _psstd._tcp alpha over IPv4", Wait, async _ =>
                (await avahi.BrowseAsync("_psstd._tcp")).Split('\n').FirstOrDefault(l => l.StartsWith("=;", StringComparison.Ordinal) && l.Contains(";IPv4;alpha;", StringComparison.Ordinal)));

            var fields = line.Split(';');
            Assert.Equal(["=", lan.A.Interface, "IPv4", "alpha", "_psstd._tcp", "local", "psstd-alpha.local", lan.B.Address, "17947"], fields[..9]);
            Assert.Equal(
                $"\"dash=\" \"version={LocalNode.AgentVersion}\" \"wire={PacketCodec.WireVersion}\" \"cluster={Cluster}\" \"id={snapshot!.SelfId:D}\"", // Avahi prints TXT strings last first
                fields[9].Trim());
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{agent.Output}{Environment.NewLine}{avahi.Output}", ex);
        }
    }

    [NetnsFact(Avahi = true)]
    public async Task OurBrowser_FindsAServicePublishedWithAvahiPublish_CountsAnotherCluster_AndNoticesTheGoodbye()
    {
        var lan = Own(new NamespacePair());
        var avahi = Own(await AvahiPeer.StartAsync(lan.A));
        var agent = StartAgent(lan.B, "alpha", 17947);
        try
        {
            var beta = await avahi.PublishAsync("beta", "_psstd._tcp", 17948, $"id={Guid.NewGuid():D}", $"cluster={Cluster}", "wire=1");
            await avahi.PublishAsync("gamma", "_psstd._tcp", 17949, $"id={Guid.NewGuid():D}", "cluster=elsewhere", "wire=1");
            using var client = AgentSocket.Client(_dir.File("agent.sock"));
            var expected = $"{lan.A.Address}:17948";

            var found = await Eventually.ReturnsAsync("the agent lists beta as an mDNS contact", Wait, async ct =>
                (await ContactsAsync(client, ct))
                    .FirstOrDefault(c => c.Source == ContactSource.Mdns && c.Address == expected));
            var health = await Eventually.ReturnsAsync("the agent counts gamma of another cluster", Wait, async ct =>
            {
                var text = await client.GetStringAsync(new Uri(LocalApiRoutes.Health, UriKind.Relative), ct);
                return text.Contains("other cluster 1", StringComparison.Ordinal) ? text : null;
            });

            Assert.Equal("beta", found.Origin);
            Assert.DoesNotContain(":17949", (await client.GetStringAsync(new Uri(LocalApiRoutes.Contacts, UriKind.Relative))), StringComparison.Ordinal);

            Assert.True(PosixSignals.Terminate(beta.Id)); // avahi-publish withdraws with a goodbye
            await Eventually.ReturnsAsync("beta's goodbye removes the contact", Wait, async ct =>
                (await client.GetFromJsonAsync(LocalApiRoutes.Contacts, LocalApiJsonContext.Default.GossipContactList, ct))!.Contacts
                    .Any(c => c.Source == ContactSource.Mdns) ? null : "gone");
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{agent.Output}{Environment.NewLine}{avahi.Output}", ex);
        }
    }

    /// <summary>The agent's contacts; none while its socket is not up yet.</summary>
    private static async Task<IReadOnlyList<GossipContact>> ContactsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetFromJsonAsync(LocalApiRoutes.Contacts, LocalApiJsonContext.Default.GossipContactList, cancellationToken))!.Contacts;
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private CapturedProcess StartAgent(NamespacePair.Side side, string name, int port)
    {
        var (command, arguments) = ChildBinaries.CommandFor(ChildBinaries.FromBuild().Agent);
        var agent = Own(NamespacePair.Start(side, name, command, arguments, new Dictionary<string, string>
        {
            ["PSSTD_NODE_NAME"] = name,
            ["PSSTD_CLUSTER"] = Cluster,
            ["PSSTD_GOSSIP"] = string.Create(CultureInfo.InvariantCulture, $":{port}"),
            ["PSSTD_DB"] = _dir.File("state"),
            ["PSSTD_SOCKET"] = _dir.File("agent.sock"),
            ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        }));
        return agent;
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _dir.Dispose();
    }
}
