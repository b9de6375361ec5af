using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Gossip;
using Psstd.Contracts;

namespace Psstd.Tests.Discovery;

public sealed class ContactBookTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void List_ShowsEverySource_WithWhenEachWasLastHeard()
    {
        var book = new ContactBook(_clock);
        var seed = IPEndPoint.Parse("10.0.0.6:7947");
        var resolved = IPEndPoint.Parse("10.0.0.7:7947");
        var found = IPEndPoint.Parse("10.213.7.3:7947");
        book.SetSeeds([new Contact(seed, ContactSource.Seed, "10.0.0.6:7947"), new Contact(resolved, ContactSource.Dns, "db1:7947")]);
        book.SetDiscovered([new Contact(found, ContactSource.Mdns, "node-3")]);
        _clock.Advance(TimeSpan.FromSeconds(5));
        book.Heard(found);

        var list = book.List([new Contact(found, ContactSource.Gossip, "node-3")]);

        Assert.Equal(
            [("10.0.0.6:7947", ContactSource.Seed, "10.0.0.6:7947", (DateTimeOffset?)null),
             ("10.0.0.7:7947", ContactSource.Dns, "db1:7947", null),
             ("10.213.7.3:7947", ContactSource.Mdns, "node-3", _clock.Start.AddSeconds(5)),
             ("10.213.7.3:7947", ContactSource.Gossip, "node-3", _clock.Start.AddSeconds(5))],
            list.Contacts.Select(c => (c.Address, c.Source, c.Origin, c.LastHeard)));
    }

    [Fact]
    public void Version_ChangesOnlyWhenContactsDo_AndLostContactsGo()
    {
        var book = new ContactBook(_clock);
        var found = new Contact(IPEndPoint.Parse("10.213.7.3:7947"), ContactSource.Mdns, "node-3");
        var start = book.Version;

        book.SetDiscovered([found]);
        var afterAdd = book.Version;
        book.SetDiscovered([found]);
        book.SetDiscovered([]);

        Assert.NotEqual(start, afterAdd);
        Assert.Equal(afterAdd + 1, book.Version);
        Assert.Empty(book.Discovered);
    }

    [Fact]
    public void Heard_RemembersABoundedNumberOfSenders()
    {
        var book = new ContactBook(_clock);
        for (var i = 0; i < ContactBook.MaxHeard + 10; i++)
        {
            book.Heard(new IPEndPoint(IPAddress.Parse("10.1.0.0"), 1000 + i));
        }

        var late = new IPEndPoint(IPAddress.Parse("10.1.0.0"), 1000 + ContactBook.MaxHeard + 5);
        book.SetDiscovered([new Contact(late, ContactSource.Mdns, "late")]);

        Assert.Null(Assert.Single(book.List([]).Contacts).LastHeard);
    }
}
