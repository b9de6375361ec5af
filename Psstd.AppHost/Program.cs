using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Psstd.AppHost;
using Psstd.AppHost.Reporting;
using Psstd.AppHost.Resources;

// Declare the nodes, wire each, run: `dotnet run --project Psstd.AppHost -- --nodes 5`
// (`-- --netns --nodes 3` puts every pair in its own network namespace; Linux, root).
var (netns, seeds, rest) = AppHostOptions.Switches(args);
var builder = DistributedApplication.CreateBuilder(rest);
builder.Configuration.AddInMemoryCollection(AspireDashboardDefaults.Complete(builder.Configuration, Console.WriteLine));
var nodes = AppHostOptions.NodesOrExit(builder.Configuration["nodes"]);
builder.AddPsstdCluster(netns ? AppHostOptions.NetnsSpecOrExit(nodes, seeds, builder.Configuration) : AppHostOptions.LocalSpec(nodes, builder.Configuration));
await using var app = builder.Build();
await app.RunAsync();
return app.Services.GetRequiredService<ClusterStartup>().ExitCode;
