using System.Net;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Hosting;
using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.Registration;
using Psstd.Dashboard.Scrape;
using Psstd.Dashboard.Trust;
using Psstd.Configuration;
using Psstd.ServiceDefaults.Hosting;

const string ProgramName = "psstd-dashboard";
var settings = StartupGuard.OrExit(ProgramName, () => DashboardSettings.FromEnvironment(SettingsReader.ProcessEnvironment()));
var listen = StartupGuard.OrExit(ProgramName, () => ListenPlan.For(settings.Http, Dns.GetHostAddresses));

// The slim builder: Kestrel for plain HTTP (TLS is a proxy's job, deploy/traefik) without IIS, HTTP/3 and the Debug
// and EventSource loggers, which the full builder loads at every start (bench/RESULTS.md, the lean dashboard).
var builder = WebApplication.CreateSlimBuilder(DaemonHostOptions.Create(args));
builder.AddServiceDefaults(ProgramName);
// Checked when Kestrel is configured, as the app is built (an in-memory test server never gets here):
// a port another program holds stops the start with one line, not a bind stack trace.
builder.WebHost.ConfigureKestrel(kestrel => listen.EnsureFree().Apply(kestrel));
builder.WebHost.UseBuildOutputStaticAssets(builder.Environment);
builder.Services.AddAgentClient(settings);
builder.Services.AddDashboardMvc();
builder.Services.AddHotPotato();
builder.Services.AddClusterApi();
builder.Services.AddHeatmap();
builder.Services.AddClusterScrape(otlp: settings.OtlpCluster);
builder.Services.AddDashboardRegistration();
builder.Services.AddDashboardCompression();
builder.Services.AddDashboardTrust();

var app = StartupGuard.OrExit(ProgramName, builder.Build);
app.UseDashboardTrust();
app.UseResponseCompression();
app.UseStaticFiles();
app.MapDefaultEndpoints();
app.MapControllers();
app.MapClusterApi();
app.MapHeatmapApi();
app.MapClusterScrape();
app.RunOrExit(ProgramName, DashboardSettings.HttpVariable, settings.Http);
