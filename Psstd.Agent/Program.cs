using System.Net;
using Psstd.Agent.Alerts;
using Psstd.Agent.Cli;
using Psstd.Agent.Configuration;
using Psstd.Agent.Discovery;
using Psstd.Agent.Forgetting;
using Psstd.Agent.Gossip;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Instance;
using Psstd.Agent.LocalApi;
using Psstd.Agent.Seeds;
using Psstd.Agent.Store;
using Psstd.Configuration;
using Psstd.ServiceDefaults.Hosting;

// With no argument at all the process runs the agent (what parsing an empty command line decides too), so a
// daemon's start neither builds the command tree nor touches the CLI's code.
if (args.Length > 0)
{
    var console = CliConsole.FromProcess();
    var commandLine = AgentCommandLine.Create(console);
    if (!AgentCommandLine.RunsAgent(commandLine.Parse(args)))
    {
        return await AgentCommandLine.InvokeAsync(commandLine, console, args);
    }
}

var hostName = Dns.GetHostName();
var settings = StartupGuard.OrExit("psstd-agent", () => AgentSettings.FromEnvironment(SettingsReader.ProcessEnvironment(), hostName, HostAddress.Primary(hostName)));

// The state directory's lock comes before anything that writes there or publishes this node.
using var instance = StartupGuard.OrExit("psstd-agent", () => InstanceLock.TryAcquire(settings.StateDirectory));
if (instance is null)
{
    return await SecondInstance.RunAsync(settings, CliConsole.FromProcess(), CancellationToken.None);
}

var builder = AgentHost.CreateBuilder();
settings = settings with
{
    Seeds = await StartupGuard.OrExitAsync("psstd-agent", () => ServiceSeeds.ResolveAsync(builder.Configuration, settings.Seeds, CancellationToken.None)),
};
builder.AddServiceDefaults("psstd-agent");
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(InstanceLock.Owner(settings, TimeProvider.System));
StartupGuard.OrExit("psstd-agent", () => builder.AddHeartbeat(settings).AddForgetting(settings).AddGossip(settings).AddStore(settings).AddLocalApi(settings).AddAlerts(settings));
builder.AddDiscovery(settings);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLocalApi();
app.MapAgentStatus();
app.Services.GetRequiredService<InstanceOwner>().Write(settings.StateDirectory);
app.Run();
return 0;
