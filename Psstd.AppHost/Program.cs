using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Psstd.AppHost;
using Psstd.AppHost.Running;

// Declare the nodes, wire each, run: `dotnet run --project Psstd.AppHost -- --nodes 5`
// (`-- --netns --nodes 3` puts every pair in its own network namespace; Linux, root).
var (netns, seeds, rest) = AppHostOptions.Switches(args);
var builder = Host.CreateApplicationBuilder(rest);
var nodes = AppHostOptions.NodesOrExit(builder.Configuration["nodes"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(netns ? AppHostOptions.NetnsSpecOrExit(nodes, seeds) : AppHostOptions.LocalSpec(nodes));
builder.Services.AddHostedService<ClusterHostService>();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
await builder.Build().RunAsync();
