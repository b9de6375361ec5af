using Microsoft.AspNetCore.Mvc;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Controllers;

/// <summary>
/// <c>/compare?node=a&amp;node=b</c>: up to <see cref="CompareRequest.MaxNodes"/> nodes on the same axes, one chart
/// per metric. Names the agent does not know are reported on the page, never an error page. Like the node page,
/// one action serves the page and the partial htmx polls for; the picker form stays outside the polled part.
/// </summary>
public sealed class CompareController(IAgentClient agent, DashboardSettings settings, TimeProvider time) : Controller
{
    [HttpGet("/compare")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var address = RequestAddress.Of(Request);
        Response.Headers.Vary = ClusterController.HtmxRequestHeader;
        var isPartial = RequestAddress.WantsPartial(Request);
        var request = CompareRequest.Read(address.Query);

        var cluster = await agent.GetClusterAsync(cancellationToken);
        if (!cluster.IsOk)
        {
            var unavailable = CompareViewModelBuilder.Unavailable(settings.SocketPath, cluster.Outcome, cluster.Detail, request, address);
            if (isPartial)
            {
                return PartialView("_Compare", unavailable);
            }

            var page = View(unavailable);
            page.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return page;
        }

        var (nodes, unknown) = CompareViewModelBuilder.Resolve(cluster.Value, request);
        var window = NodeWindow.For(HistoryRange.Read(address.Query), time.GetUtcNow());
        var histories = await Task.WhenAll(nodes.Select(node =>
            agent.GetHistoryAsync(node.Name, window.Since, window.Until, window.Resolution, cancellationToken)));
        var model = CompareViewModelBuilder.Build(cluster.Value, request, nodes, unknown, histories, window, address);
        return isPartial ? PartialView("_Compare", model) : View(model);
    }
}
