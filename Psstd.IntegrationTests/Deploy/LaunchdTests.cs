using System.Text.Json.Nodes;

namespace Psstd.Tests.Deploy;

/// <summary>
/// The plists as a plist reader sees them: Python's plistlib (the closest thing to <c>plutil -lint</c>
/// on Linux) must load each one, and the keys launchd needs must be there.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class LaunchdTests
{
    private const string Script = """
        import json, plistlib, sys
        with open(sys.argv[1], "rb") as f:
            print(json.dumps(plistlib.load(f, fmt=plistlib.FMT_XML)))
        """;

    [Theory]
    [InlineData("com.psstd.agent", "psstd-agent")]
    [InlineData("com.psstd.dashboard", "psstd-dashboard")]
    public async Task Plist_LoadsWithTheKeysLaunchdNeeds(string label, string program)
    {
        var plist = await LoadAsync(label);

        Assert.Equal(label, plist["Label"]!.GetValue<string>());
        var arguments = plist["ProgramArguments"]!.AsArray();
        Assert.Equal($"/usr/local/lib/psstd/{program}", arguments[0]!.GetValue<string>());
        Assert.True(plist["RunAtLoad"]!.GetValue<bool>());
        Assert.True(plist["KeepAlive"]!.GetValue<bool>());
        Assert.StartsWith("/usr/local/var/log/psstd/", plist["StandardOutPath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("/usr/local/var/log/psstd/", plist["StandardErrorPath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("_psstd", plist["UserName"]!.GetValue<string>());
    }

    [Fact]
    public async Task BothPlists_ShareOneEnvironment_WithAShortSocketPath()
    {
        var agent = (await LoadAsync("com.psstd.agent"))["EnvironmentVariables"]!;
        var dashboard = (await LoadAsync("com.psstd.dashboard"))["EnvironmentVariables"]!;

        Assert.Equal(agent.ToJsonString(), dashboard.ToJsonString());
        Assert.True(agent["PSSTD_SOCKET"]!.GetValue<string>().Length < 100);
    }

    private static async Task<JsonObject> LoadAsync(string label)
    {
        var path = DeployFiles.Full($"deploy/launchd/{label}.plist");
        var result = await Tool.RunAsync("python3", "python3", ["-c", Script, path], TimeSpan.FromSeconds(30));
        result.ShouldSucceed($"plistlib.load {label}.plist");
        return JsonNode.Parse(result.Output)!.AsObject();
    }
}
