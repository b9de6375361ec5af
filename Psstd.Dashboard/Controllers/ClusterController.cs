using Microsoft.AspNetCore.Mvc;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Controllers;

/// <summary>
/// The cluster page. One action serves both the full page and the partial htmx polls for; <c>/alerts</c> serves the
/// alerts section alone, for the heatmap page, which follows its squares by a stream and has no grid poll.
/// </summary>
public sealed class ClusterController(
    IAgentClient agent, DashboardSettings settings, HandOff handOff, PeerDashboards peers, RenderedHeatmaps heatmaps) : Controller
{
    public const string HtmxRequestHeader = RequestAddress.HtmxRequestHeader;

    /// <summary>htmx restoring history it has no cached copy of: it asks with HX-Request but needs the whole page.</summary>
    public const string HtmxHistoryRestoreHeader = RequestAddress.HtmxHistoryRestoreHeader;

    /// <summary>Tells htmx to leave the page with a full navigation (the target may be another origin).</summary>
    public const string HtmxRedirectHeader = "HX-Redirect";

    /// <summary>Tells htmx to reload the whole page: a grid that grew past the heatmap threshold becomes a heatmap.</summary>
    public const string HtmxRefreshHeader = "HX-Refresh";

    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var result = await agent.GetClusterAsync(cancellationToken);
        var address = RequestAddress.Of(Request);

        // The same URL answers with two bodies; caches must keep them apart.
        Response.Headers.Vary = HtmxRequestHeader;
        var isPartial = RequestAddress.WantsPartial(Request);

        var target = result.IsOk ? handOff.TargetFor(result.Value, address) : null;
        if (target is not null)
        {
            // htmx would swap a redirect's body into the grid; HX-Redirect makes it navigate instead. A full page
            // load gets 303, which every browser follows without JavaScript and always as a GET.
            if (isPartial)
            {
                Response.Headers[HtmxRedirectHeader] = target;
                return Ok();
            }

            Response.Headers.Location = target;
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        var query = HeatmapQuery.Read(address.Query);
        if (result.IsOk && HeatmapChoice.Shows(query.View, result.Value.Nodes.Count(n => n.Health != Contracts.NodeHealth.Forgotten), settings.HeatmapFrom))
        {
            if (isPartial)
            {
                // The grid's poll: the page must load again to become a heatmap, which updates itself from its stream.
                Response.Headers[HtmxRefreshHeader] = "true";
                return Ok();
            }

            var heatmap = HeatmapPageBuilder.Build(result.Value, address, peers, query);
            return View("Heatmap", heatmap with { Stamp = heatmaps.Remember(heatmap.Map) });
        }

        var model = result.IsOk
            ? ClusterViewModelBuilder.Build(result.Value, address, peers) with { Notices = query.Problems }
            : ClusterViewModelBuilder.Unavailable(settings.SocketPath, result.Outcome, result.Detail, address);

        if (isPartial)
        {
            // Always 200: htmx does not swap 4xx/5xx answers by default, so a failing agent would leave the
            // last good cells on screen looking live. Swapping the banner in says the truth, and polling goes
            // on to swap the cells back once the agent returns.
            return PartialView("_Cluster", model);
        }

        // A full page load is what scripts and monitors see: without an agent the page is not working, and
        // 503 says so. Browsers still render the body, and its polling recovers the page by itself.
        var page = View(model);
        page.StatusCode = result.IsOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return page;
    }

    [HttpGet("/alerts")]
    public async Task<IActionResult> Alerts(CancellationToken cancellationToken)
    {
        var result = await agent.GetClusterAsync(cancellationToken);
        var address = RequestAddress.Of(Request);

        // Always 200, like the grid's partial: an agent that does not answer leaves an empty section, not stale alerts.
        return PartialView("_Alerts", result.IsOk ? AlertsSectionViewModel.Build(result.Value, address, CellLinks.For(address, peers).Suffix) : AlertsSectionViewModel.Empty);
    }
}
