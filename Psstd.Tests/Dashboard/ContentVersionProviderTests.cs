using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Psstd.Dashboard.Hosting;
using Psstd.Tests.Support;

namespace Psstd.Tests.Dashboard;

public sealed class ContentVersionProviderTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly PhysicalFileProvider _files;
    private readonly ContentVersionProvider _provider;

    public ContentVersionProviderTests()
    {
        Directory.CreateDirectory(_root.File("js"));
        File.WriteAllText(_root.File("js/a.js"), "one");
        _files = new PhysicalFileProvider(_root.Path);
        _provider = new ContentVersionProvider(new WebRoot(_files));
    }

    public void Dispose()
    {
        _files.Dispose();
        _root.Dispose();
    }

    [Fact]
    public void AddsAVersionFromTheContent_TheSameEachTime()
    {
        var first = _provider.AddFileVersionToPath(PathString.Empty, "/js/a.js");

        Assert.Matches("^/js/a\\.js\\?v=[A-Za-z0-9_-]{11}$", first);
        Assert.Equal(first, _provider.AddFileVersionToPath(PathString.Empty, "/js/a.js"));
    }

    [Fact]
    public void ChangedContent_ChangesTheVersion()
    {
        var before = _provider.AddFileVersionToPath(PathString.Empty, "/js/a.js");

        File.WriteAllText(_root.File("js/a.js"), "two, longer");

        Assert.NotEqual(before, _provider.AddFileVersionToPath(PathString.Empty, "/js/a.js"));
    }

    [Fact]
    public void SameContent_SameVersion_AcrossProviders()
    {
        var other = new ContentVersionProvider(new WebRoot(_files));

        Assert.Equal(_provider.AddFileVersionToPath(PathString.Empty, "/js/a.js"), other.AddFileVersionToPath(PathString.Empty, "/js/a.js"));
    }

    [Theory]
    [InlineData("/js/missing.js")]
    [InlineData("https://example.com/js/a.js")]
    [InlineData("/js")]
    public void NoFileOrAbsoluteUrl_LeftAsItIs(string path) =>
        Assert.Equal(path, _provider.AddFileVersionToPath(PathString.Empty, path));

    [Fact]
    public void QueryIsKept_AndPathBaseIsStripped()
    {
        Assert.StartsWith("/js/a.js?x=1&v=", _provider.AddFileVersionToPath(PathString.Empty, "/js/a.js?x=1"), StringComparison.Ordinal);
        Assert.StartsWith("/base/js/a.js?v=", _provider.AddFileVersionToPath(new PathString("/base"), "/base/js/a.js"), StringComparison.Ordinal);
    }

    private sealed class WebRoot(IFileProvider files) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = files;
        public string ApplicationName { get; set; } = "test";
        public IFileProvider ContentRootFileProvider { get; set; } = files;
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Production";
    }
}
