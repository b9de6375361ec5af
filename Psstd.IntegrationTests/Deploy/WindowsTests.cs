namespace Psstd.Tests.Deploy;

/// <summary>
/// No PowerShell can run here (no pwsh in Debian, no PowerShell SDK on the reachable NuGet feed), so
/// the install script is only read as text: the promises its README makes must be in it.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class WindowsTests
{
    private static readonly string Script = File.ReadAllText(DeployFiles.Full("deploy/windows/install-service.ps1"));

    [Theory]
    [InlineData("-Protocol UDP -LocalPort $gossipPort")]
    [InlineData("-Protocol TCP -LocalPort $gossipPort")]
    [InlineData("-Protocol TCP -LocalPort $httpPort")]
    public void Firewall_OpensGossipOnBothProtocols_AndTheDashboard(string rule) =>
        Assert.Contains(rule, Script, StringComparison.Ordinal);

    [Fact]
    public void Services_AreRegisteredWithNssm_DashboardDependingOnAgent()
    {
        Assert.Contains("Invoke-Nssm install $name", Script, StringComparison.Ordinal);
        Assert.Contains("Invoke-Nssm set psstd-dashboard DependOnService psstd-agent", Script, StringComparison.Ordinal);
        Assert.DoesNotContain("PSSTD_KEY", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_SaysPlainlyItIsUntested() =>
        Assert.StartsWith("**Untested.**", File.ReadAllLines(DeployFiles.Full("deploy/windows/README.md"))[2], StringComparison.Ordinal);
}
