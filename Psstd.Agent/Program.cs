using System.Net;
using Psstd.Agent.Configuration;
using Psstd.Agent.Gossip;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.LocalApi;
using Psstd.Agent.Store;
using Psstd.ServiceDefaults.Configuration;
using Psstd.ServiceDefaults.Hosting;

var hostName = Dns.GetHostName();
var settings = StartupGuard.OrExit("psstd-agent", () => AgentSettings.FromEnvironment(SettingsReader.ProcessEnvironment(), hostName, HostAddress.Primary(hostName)));

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults("psstd-agent");
builder.Services.AddSingleton(settings);
StartupGuard.OrExit("psstd-agent", () => builder.AddHeartbeat(settings).AddGossip(settings).AddStore(settings).AddLocalApi(settings));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLocalApi();
app.Run();
