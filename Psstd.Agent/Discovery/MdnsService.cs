using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.Agent.Discovery.Dns;
using Psstd.Agent.Gossip;
using Psstd.Agent.Heartbeat;
using Psstd.Contracts;
using Psstd.Gossip.Wire;
using Psstd.Agent.Registration;

namespace Psstd.Agent.Discovery;

/// <summary>
/// Runs mDNS for the agent: claims and advertises its names (<see cref="NameClaim"/>), answers queries
/// (<see cref="MdnsResponder"/>), browses for peers (<see cref="MdnsBrowser"/>) and hands them to
/// gossip as contacts; says goodbye on a graceful stop. The protocol decisions live in those pure
/// types; this class only moves packets and ticks them under one lock.
/// </summary>
internal sealed class MdnsService(
    AgentSettings settings, LocalNode local, DashboardRegistry dashboard, ContactBook contacts, DiscoveryMetrics counters,
    TimeProvider time, ILogger<MdnsService> logger) : BackgroundService
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly byte[] _sendBuffer = new byte[DnsMessageWriter.MaxMessageBytes];
    private readonly List<MdnsSocket> _sockets = [];
    private readonly long _start = time.GetTimestamp();
    private NameClaim? _claim;
    private MdnsBrowser? _browser;

    private TimeSpan Now => time.GetElapsedTime(_start);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (chosen, skipped) = InterfaceSelection.Select(MdnsInterface.OfThisHost(), settings.MdnsInterfaces);
        var failures = new List<string>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            string? failure = null;
            if (chosen.Count > 0 && MdnsSocket.Open(family, chosen, out failure) is { } socket)
            {
                _sockets.Add(socket);
            }
            else
            {
                failures.Add(failure ?? "no usable interface");
            }
        }

        if (_sockets.Count == 0)
        {
            DiscoveryLog.Unavailable(logger, $"no interface can do multicast (left out: {Describe(skipped)}; {string.Join("; ", failures.Distinct())})");
            return;
        }

        var random = new Random();
        lock (_gate)
        {
            _claim = new NameClaim(settings.NodeName, GossipPort(), Txt(), Now, TimeSpan.FromMilliseconds(random.Next(0, 250)));
            _browser = new MdnsBrowser(settings.Cluster, local.Current.Id, counters, Now + TimeSpan.FromMilliseconds(random.Next(20, 120)));
        }

        var used = string.Join(", ", _sockets.SelectMany(s => s.Joined).Select(i => i.Name).Distinct());
        var left = Describe(skipped);
        DiscoveryLog.Started(logger, used, left);

        var receivers = _sockets.Select(s => ReceiveAsync(s, stoppingToken)).ToList();
        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Tick();
                }
                catch (Exception ex) when (ex is SocketException or InvalidOperationException or ArgumentException)
                {
                    DiscoveryLog.TickFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(receivers);
    }

    /// <summary>A graceful stop: every record with TTL 0, so peers drop this agent now (RFC 6762 section 10.1).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_claim is { Phase: not ClaimPhase.Probing } claim)
            {
                SendToAll(nic => DnsMessage.Response(claim.Current.Records(nic.Addresses, ttl: 0)));
            }
        }

        await base.StopAsync(cancellationToken);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private static string Describe(IReadOnlyList<string> skipped) => skipped.Count == 0 ? "none" : string.Join(", ", skipped);

    private ushort GossipPort()
    {
        var colon = settings.AdvertiseGossip.LastIndexOf(':');
        return ushort.TryParse(settings.AdvertiseGossip.AsSpan(colon + 1), out var port) ? port : (ushort)settings.Gossip.Port;
    }

    private IReadOnlyList<string> Txt() =>
        ServiceAdvertisement.TxtFor(local.Current.Id, settings.Cluster, PacketCodec.WireVersion, LocalNode.AgentVersion, dashboard.CurrentUrl);

    private void Tick()
    {
        lock (_gate)
        {
            var (claim, browser, now) = (_claim!, _browser!, Now);
            claim.UpdateTxt(Txt(), now);
            switch (claim.Due(now))
            {
                case ClaimStep.Probe:
                    var names = new[] { claim.Current.InstanceName, claim.Current.HostName };
                    SendToAll(nic => DnsMessage.Query([.. names.Select(n => new DnsQuestion(n, DnsRecordType.Any, UnicastResponse: true))], authorities: claim.Current.ProbeClaims(nic.Addresses)));
                    break;
                case ClaimStep.Announce:
                    SendToAll(nic => DnsMessage.Response(claim.Current.Records(nic.Addresses)));
                    break;
            }

            if (browser.DueQuery(now) is { } query)
            {
                SendToAll(_ => query);
            }

            if (browser.Expire(now))
            {
                PublishPeers(browser);
            }
        }
    }

    private async Task ReceiveAsync(MdnsSocket socket, CancellationToken stoppingToken)
    {
        var buffer = new byte[DnsMessageWriter.MaxMessageBytes];
        EndPoint any = new IPEndPoint(socket.Family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult result;
            try
            {
                result = await socket.Socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                DiscoveryLog.ReceiveFailed(logger, ex);
                continue;
            }

            try
            {
                Handle(socket, buffer.AsSpan(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint, result.PacketInformation.Interface);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidCastException or IndexOutOfRangeException or FormatException)
            {
                // A packet that slipped past the decoder's checks is one more malformed packet, never a stopped agent.
                counters.Malformed(DnsDecodeError.BadRecord);
                DiscoveryLog.ReceiveFailed(logger, ex);
            }
        }
    }

    /// <summary>One datagram: decoded, checked, then given to the claim, the responder or the browser. Nothing here throws on bad input.</summary>
    private void Handle(MdnsSocket socket, ReadOnlySpan<byte> packet, IPEndPoint from, int interfaceIndex)
    {
        counters.PacketIn();
        var nic = socket.Joined.FirstOrDefault(i => i.Index == interfaceIndex);
        if (nic is null)
        {
            counters.OtherInterface();
            return;
        }

        var error = DnsMessageReader.TryRead(packet, out var message);
        if (error != DnsDecodeError.None)
        {
            counters.Malformed(error);
            return;
        }

        if (message!.IsResponse && from.Port != MdnsConstants.Port)
        {
            counters.NotFromMdnsPort();
            return;
        }

        lock (_gate)
        {
            var (claim, browser, now) = (_claim, _browser, Now);
            if (claim is null || browser is null)
            {
                return;
            }

            var before = claim.Current;
            var all = AllAddresses();
            if (claim.Observe(message, claim.Current.Records(all), claim.Current.ProbeClaims(all), now) && claim.Current != before)
            {
                DiscoveryLog.Renamed(logger, claim.Current.Instance, claim.Current.HostName.ToString());
            }

            if (message.IsResponse)
            {
                if (browser.Observe(message, now))
                {
                    PublishPeers(browser);
                }

                return;
            }

            if (claim.Phase != ClaimPhase.Probing
                && MdnsResponder.Answer(message, claim.Current.Records(nic.Addresses), legacyUnicast: from.Port != MdnsConstants.Port) is { } reply)
            {
                Send(socket, reply.Message, reply.Unicast ? from : null, nic);
            }
        }
    }

    private List<IPAddress> AllAddresses() => [.. _sockets.SelectMany(s => s.Joined).DistinctBy(i => i.Index).SelectMany(i => i.Addresses)];

    private void PublishPeers(MdnsBrowser browser)
    {
        contacts.SetDiscovered([.. browser.Instances.SelectMany(i => i.EndPoints.Select(e => new Contact(e, ContactSource.Mdns, i.Instance)))]);
        var peers = browser.Instances.Count == 0 ? "none" : string.Join(", ", browser.Instances.Select(i => $"{i.Instance} {string.Join(' ', i.EndPoints)}"));
        DiscoveryLog.PeersChanged(logger, peers);
    }

    private void SendToAll(Func<MdnsInterface, DnsMessage> build)
    {
        foreach (var socket in _sockets)
        {
            foreach (var nic in socket.Joined)
            {
                Send(socket, build(nic), null, nic);
            }
        }
    }

    private void Send(MdnsSocket socket, DnsMessage message, IPEndPoint? unicastTo, MdnsInterface nic)
    {
        var length = DnsMessageWriter.Write(message, _sendBuffer);
        if (length == 0)
        {
            counters.SendFailed();
            return;
        }

        try
        {
            if (unicastTo is null)
            {
                socket.SendToGroup(_sendBuffer.AsSpan(0, length), nic);
            }
            else
            {
                socket.Socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, unicastTo);
            }

            counters.PacketOut();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            counters.SendFailed();
            DiscoveryLog.SendFailed(logger, nic.Name, ex);
        }
    }
}
