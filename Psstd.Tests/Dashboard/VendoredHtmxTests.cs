using System.Text.Json;
using Psstd.Tests.Support;

namespace Psstd.Tests.Dashboard;

/// <summary>libman.json is the record of what was vendored; it must describe the files actually committed.</summary>
public sealed class VendoredHtmxTests
{
    [Fact]
    public void LibmanJson_PinsHtmx_AndEveryListedFileIsCommittedWhereLibManWouldPutIt()
    {
        var project = RepositoryRoot.File("Psstd.Dashboard");
        using var libman = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "libman.json")));

        var library = Assert.Single(libman.RootElement.GetProperty("libraries").EnumerateArray());
        Assert.Equal("htmx.org@2.0.11", library.GetProperty("library").GetString());
        var destination = library.GetProperty("destination").GetString()!;
        foreach (var file in library.GetProperty("files").EnumerateArray().Select(f => f.GetString()!))
        {
            Assert.True(File.Exists(Path.Combine(project, destination, file)), $"{file} is listed but not under {destination}");
        }

        var script = File.ReadAllText(Path.Combine(project, destination, "dist", "htmx.min.js"));
        Assert.Contains("version:\"2.0.11\"", script, StringComparison.Ordinal);
    }
}
