using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Tests.Alerts.Delivery;

/// <summary>PSSTD_ALERT_WEBHOOK, _FORMAT and _HEADER as the agent reads them at start.</summary>
public sealed class WebhookSettingsTests
{
    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    private static ConfigurationError Rejects(string variable, params (string Key, string Value)[] values)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(values));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(variable, error.Variable);
        Assert.StartsWith($"{variable}=", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return error;
    }

    [Fact]
    public void Unset_MeansNoWebhook() => Assert.Null(Read().AlertWebhook);

    [Fact]
    public void Set_IsRead_WithFormatAndHeader()
    {
        var webhook = Read(
            ("PSSTD_ALERT_WEBHOOK", "https://hooks.example.com/services/T0/B0/XYZ"),
            ("PSSTD_ALERT_WEBHOOK_FORMAT", "Alertmanager"),
            ("PSSTD_ALERT_WEBHOOK_HEADER", "Authorization: Bearer abc.def")).AlertWebhook;

        Assert.NotNull(webhook);
        Assert.Equal(new Uri("https://hooks.example.com/services/T0/B0/XYZ"), webhook.Url);
        Assert.Equal(AlertWebhookFormat.Alertmanager, webhook.Format);
        Assert.Equal(new AlertWebhookHeader("Authorization", "Bearer abc.def"), webhook.Header);
        Assert.Equal("https://hooks.example.com/...", webhook.DisplayUrl);
        Assert.Equal("https://hooks.example.com/... (Alertmanager, Authorization: (hidden))", webhook.ToString());
    }

    [Fact]
    public void Format_DefaultsToPsstd() =>
        Assert.Equal(AlertWebhookFormat.Psstd, Read(("PSSTD_ALERT_WEBHOOK", "http://127.0.0.1:9000/hook")).AlertWebhook!.Format);

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("hooks.example.com/x")]
    [InlineData("https://hooks.example.com/x#frag")]
    public void Url_MustBeAbsoluteHttp(string url)
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK", ("PSSTD_ALERT_WEBHOOK", url));

        Assert.Equal(AlertWebhookSettings.UrlRule, error.Rule);
    }

    [Fact]
    public void Url_WithUserInfo_IsRefused_WithoutPrintingIt()
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK", ("PSSTD_ALERT_WEBHOOK", "https://bob:hunter2@hooks.example.com/services/T0/B0/XYZ"));

        Assert.Contains("without user-info", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("XYZ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Url_LongerThanTheBound_IsRefused()
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK", ("PSSTD_ALERT_WEBHOOK", "https://hooks.example.com/" + new string('a', 2048)));

        Assert.Contains("at most 2048 characters", error.Rule, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example.com/...", error.Value);
    }

    [Fact]
    public void Format_MustBeOneOfThree()
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK_FORMAT", ("PSSTD_ALERT_WEBHOOK", "https://h.example/x"), ("PSSTD_ALERT_WEBHOOK_FORMAT", "teams"));

        Assert.Equal("PSSTD_ALERT_WEBHOOK_FORMAT=\"teams\" is invalid: must be psstd, slack or alertmanager", error.ToString());
    }

    [Theory]
    [InlineData("Authorization Bearer abc")] // no colon
    [InlineData(": Bearer abc")] // no name
    [InlineData("Author ization: Bearer abc")] // space in the name
    [InlineData("Authorization: Bearer abc\r\nX-Evil: 1")] // header injection
    [InlineData("Authorization: Bearer \u0000abc")]
    [InlineData("Authorization: Bearer é")]
    [InlineData("Authorization:")]
    [InlineData("Host: evil.example")]
    [InlineData("Idempotency-Key: fixed")]
    public void Header_BreakingTheRule_IsRefused_WithoutPrintingIt(string header)
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK_HEADER", ("PSSTD_ALERT_WEBHOOK", "https://h.example/x"), ("PSSTD_ALERT_WEBHOOK_HEADER", header));

        Assert.Equal("(hidden)", error.Value);
        Assert.Equal(AlertWebhookHeader.Rule, error.Rule);
        Assert.DoesNotContain("abc", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_TooLong_IsRefused()
    {
        Rejects("PSSTD_ALERT_WEBHOOK_HEADER", ("PSSTD_ALERT_WEBHOOK", "https://h.example/x"), ("PSSTD_ALERT_WEBHOOK_HEADER", "X-Token: " + new string('t', 8192)));
    }

    [Fact]
    public void Header_WithoutWebhook_IsRefused()
    {
        var error = Rejects("PSSTD_ALERT_WEBHOOK_HEADER", ("PSSTD_ALERT_WEBHOOK_HEADER", "Authorization: Bearer abc"));

        Assert.Contains("without PSSTD_ALERT_WEBHOOK", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_WithABrokenWebhook_BlamesOnlyTheWebhook()
    {
        Rejects("PSSTD_ALERT_WEBHOOK", ("PSSTD_ALERT_WEBHOOK", "ftp://h.example/x"), ("PSSTD_ALERT_WEBHOOK_HEADER", "Authorization: Bearer abc"));
    }

    [Fact]
    public void AddAlertDelivery_RegistersTheNotifier_OnlyWithAWebhook()
    {
        static WebhookNotifier? Resolve(AgentSettings settings)
        {
            var services = new ServiceCollection().AddLogging();
            services.AddAlertDelivery(settings);
            using var provider = services.BuildServiceProvider();
            var notifier = provider.GetService<WebhookNotifier>();
            Assert.Equal(notifier is not null, provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Contains(notifier));
            return notifier;
        }

        Assert.Null(Resolve(Read()));
        Assert.NotNull(Resolve(Read(("PSSTD_ALERT_WEBHOOK", "https://h.example/x"))));
    }
}
