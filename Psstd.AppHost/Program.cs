using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Psstd.AppHost;
using Psstd.AppHost.Running;

// Declare the nodes, wire each, run: `dotnet run --project Psstd.AppHost -- --nodes 5`.
var builder = Host.CreateApplicationBuilder(args);
var nodes = AppHostOptions.NodesOrExit(builder.Configuration["nodes"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(AppHostOptions.LocalSpec(nodes));
builder.Services.AddHostedService<ClusterHostService>();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
await builder.Build().RunAsync();
