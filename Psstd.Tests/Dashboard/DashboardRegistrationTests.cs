using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Configuration;
using Psstd.Agent.LocalApi;
using Psstd.Agent.Registration;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Registration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Dashboard;

/// <summary>A dashboard registers its URL with its agent; the agent publishes it only while the lease lives.</summary>
public sealed class DashboardRegistrationTests
{
    private static CancellationToken Within10s => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    [Fact]
    public void Registry_PublishesTheUrl_OnlyWhileTheLeaseLives()
    {
        var time = new FakeTimeProvider();
        var registry = new DashboardRegistry(AgentWith(), time);
        Assert.Equal("", registry.CurrentUrl);

        Assert.True(registry.Register("http://a:8080/?psstd_node=a", TimeSpan.FromSeconds(9)));
        Assert.Equal("http://a:8080/?psstd_node=a", registry.CurrentUrl);

        time.Advance(TimeSpan.FromSeconds(8.9));
        Assert.Equal("http://a:8080/?psstd_node=a", registry.CurrentUrl);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("", registry.CurrentUrl);

        registry.Register("http://a:8080/", TimeSpan.FromSeconds(9));
        registry.Withdraw();
        Assert.Equal("", registry.CurrentUrl);
    }

    [Fact]
    public void Registry_WithWebOff_TakesNothing()
    {
        var registry = new DashboardRegistry(AgentWith(("PSSTD_WEB", "false")), new FakeTimeProvider());

        Assert.False(registry.Register("http://a:8080/", TimeSpan.FromSeconds(9)));
        Assert.Equal("", registry.CurrentUrl);
    }

    [Fact]
    public async Task Client_RegistersOverTheSocket_WithTheAgentsRealEndpoint()
    {
        var registry = new DashboardRegistry(AgentWith(), TimeProvider.System);
        await using var agent = await UnixSocketAgent.StartAsync(app => app.MapDashboardRegistration(registry));

        var ok = await agent.Client.RegisterDashboardAsync(new DashboardRegistration("http://a:8080/", 9), Within10s);
        var bad = await agent.Client.RegisterDashboardAsync(new DashboardRegistration("javascript:alert(1)", 9), Within10s);
        var tooLong = await agent.Client.RegisterDashboardAsync(new DashboardRegistration("http://a:8080/", 3600), Within10s);

        Assert.Equal(AgentOutcome.Ok, ok.Outcome);
        Assert.Equal("http://a:8080/", registry.CurrentUrl);
        Assert.Equal(AgentOutcome.AnsweredWithError, bad.Outcome);
        Assert.Contains("400", bad.Detail, StringComparison.Ordinal);
        Assert.Equal(AgentOutcome.AnsweredWithError, tooLong.Outcome);
    }

    [Fact]
    public async Task Client_Withdraw_UnlistsAtOnce()
    {
        var registry = new DashboardRegistry(AgentWith(), TimeProvider.System);
        await using var agent = await UnixSocketAgent.StartAsync(app => app.MapDashboardRegistration(registry));
        await agent.Client.RegisterDashboardAsync(new DashboardRegistration("http://a:8080/", 9), Within10s);

        var result = await agent.Client.WithdrawDashboardAsync(Within10s);

        Assert.Equal(AgentOutcome.Ok, result.Outcome);
        Assert.Equal("", registry.CurrentUrl);
    }

    [Fact]
    public async Task Service_Stop_WithdrawsTheRegistration()
    {
        var fake = new FakeAgentClient();
        var settings = DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_ADVERTISE_HTTP"] = "http://a:8080/" }, "host-a");
        using var service = new DashboardRegistrationService(fake, settings, new FakeTimeProvider(), NullLogger<DashboardRegistrationService>.Instance);

        await service.StartAsync(Within10s);
        await Eventually.ReturnsAsync("first registration", TimeSpan.FromSeconds(10), _ => Task.FromResult(fake.Registrations.IsEmpty ? null : "yes"));
        await service.StopAsync(Within10s);

        Assert.Equal(1, fake.Withdrawals);
    }

    [Fact]
    public async Task Client_AgentWithWebOff_AnswersConflict()
    {
        var registry = new DashboardRegistry(AgentWith(("PSSTD_WEB", "false")), TimeProvider.System);
        await using var agent = await UnixSocketAgent.StartAsync(app => app.MapDashboardRegistration(registry));

        var result = await agent.Client.RegisterDashboardAsync(new DashboardRegistration("http://a:8080/", 9), Within10s);

        Assert.Equal(AgentOutcome.AnsweredWithError, result.Outcome);
        Assert.Contains("PSSTD_WEB=false", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Tick_SendsTheAdvertisedUrl_WithALeaseOfThreeIntervals()
    {
        var fake = new FakeAgentClient();
        var settings = DashboardSettings.FromEnvironment(
            new Dictionary<string, string> { ["PSSTD_ADVERTISE_HTTP"] = "https://p.example/?psstd_node=a" }, "host-a");
        var service = new DashboardRegistrationService(fake, settings, new FakeTimeProvider(), NullLogger<DashboardRegistrationService>.Instance);

        await service.TickAsync(Within10s);

        Assert.Equal([new DashboardRegistration("https://p.example/?psstd_node=a", 9)], fake.Registrations);
    }

    [Theory]
    [InlineData(null, null, null, "http://host-a:8080/")]
    [InlineData("10.1.2.3:9000", null, null, "http://10.1.2.3:9000/")]
    [InlineData("[fd00::5]:9000", null, null, "http://[fd00::5]:9000/")]
    [InlineData(":9000", "https://p.example/x?psstd_node=a", null, "https://p.example/x?psstd_node=a")]
    [InlineData(":9000", "https://p.example/", "false", "")]
    [InlineData(null, null, "false", "")]
    public void Settings_AdvertisedUrl_IsExplicitOrDerived_AndEmptyWithWebOff(string? http, string? advertise, string? web, string expected)
    {
        var env = new Dictionary<string, string>();
        if (http is not null)
        {
            env["PSSTD_HTTP"] = http;
        }

        if (advertise is not null)
        {
            env["PSSTD_ADVERTISE_HTTP"] = advertise;
        }

        if (web is not null)
        {
            env["PSSTD_WEB"] = web;
        }

        Assert.Equal(expected, DashboardSettings.FromEnvironment(env, "host-a").AdvertisedUrl);
    }

    [Fact]
    public async Task Service_WithWebOff_NeverRegisters()
    {
        var fake = new FakeAgentClient();
        var settings = DashboardSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_WEB"] = "false" }, "host-a");
        using var service = new DashboardRegistrationService(fake, settings, new FakeTimeProvider(), NullLogger<DashboardRegistrationService>.Instance);

        await service.StartAsync(Within10s);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(fake.Registrations);
    }

    private static AgentSettings AgentWith(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");
}
