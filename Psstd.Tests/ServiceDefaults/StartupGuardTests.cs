using Psstd.Configuration;
using Psstd.ServiceDefaults.Hosting;

namespace Psstd.Tests.ServiceDefaults;

/// <summary>What a process prints when its settings are refused: one line per error, each naming the program.</summary>
public sealed class StartupGuardTests
{
    [Fact]
    public void SeveralErrors_OneLineEach()
    {
        var error = new StartupConfigurationException([
            new ConfigurationError("PSSTD_ALERTS", "/etc/psstd/alerts.yaml", "rule \"a\" (line 3): field \"for\": \"5x\" is not a duration"),
            new ConfigurationError("PSSTD_NODE_TTL", "x", "must be a duration"),
        ]);

        var lines = StartupGuard.Lines("psstd-agent", error).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("psstd-agent: PSSTD_ALERTS=\"/etc/psstd/alerts.yaml\" is invalid: rule \"a\" (line 3)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("psstd-agent: PSSTD_NODE_TTL=\"x\" is invalid", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AMessage_IsOneLine_AsItWasGiven() =>
        Assert.Equal($"psstd-agent: the store is not ours{Environment.NewLine}", StartupGuard.Lines("psstd-agent", new StartupConfigurationException("the store is not ours")));
}
