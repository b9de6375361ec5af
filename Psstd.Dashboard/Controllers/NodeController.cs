using Microsoft.AspNetCore.Mvc;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Controllers;

/// <summary>
/// One node's page (<c>/nodes/{name}</c>): its history (1 h, 6 h or 24 h), its cores, its events. Like the cluster page, one action
/// serves the page and the partial htmx polls for. No hot potato here: the page is about one node, and moving the
/// browser to a peer's cluster page would lose it.
/// </summary>
public sealed class NodeController(IAgentClient agent, DashboardSettings settings, PeerDashboards peers, TimeProvider time) : Controller
{
    [HttpGet("/nodes/{name}")]
    public async Task<IActionResult> Index(string name, CancellationToken cancellationToken)
    {
        var address = RequestAddress.Of(Request);
        Response.Headers.Vary = ClusterController.HtmxRequestHeader;
        var isPartial = RequestAddress.WantsPartial(Request);

        var cluster = await agent.GetClusterAsync(cancellationToken);
        if (!cluster.IsOk)
        {
            // Same rule as the cluster page: a partial is 200 so htmx swaps the message in; a full page is 503.
            var unavailable = NodePageViewModelBuilder.Unavailable(settings.SocketPath, cluster.Outcome, cluster.Detail, name, address);
            return isPartial ? PartialView("_Node", unavailable) : WithStatus(View(unavailable), StatusCodes.Status503ServiceUnavailable);
        }

        var node = NodePageViewModelBuilder.Find(cluster.Value, name);
        if (node is null)
        {
            var missing = NodePageViewModelBuilder.NotFound(cluster.Value, name, address);
            return isPartial ? PartialView("_Node", missing) : WithStatus(View(missing), StatusCodes.Status404NotFound);
        }

        var window = NodeWindow.For(HistoryRange.Read(address.Query), time.GetUtcNow());
        var history = agent.GetHistoryAsync(node.Name, window.Since, window.Until, window.Resolution, cancellationToken);
        var events = agent.GetEventsAsync(node.Name, NodePageViewModelBuilder.EventLimit, cancellationToken);
        var model = NodePageViewModelBuilder.Build(cluster.Value, node, window, await history, await events, time.GetUtcNow(), address, peers);
        return isPartial ? PartialView("_Node", model) : View(model);
    }

    [HttpGet("/nodes/{name}/history.csv")]
    public Task<IActionResult> Csv(string name, CancellationToken cancellationToken) =>
        ExportAsync(name, HistoryExportFormat.Csv, cancellationToken);

    [HttpGet("/nodes/{name}/history.ndjson")]
    public Task<IActionResult> Ndjson(string name, CancellationToken cancellationToken) =>
        ExportAsync(name, HistoryExportFormat.Ndjson, cancellationToken);

    /// <summary>
    /// The agent's raw export of the range the page shows (<c>range</c>, the last hour by default), streamed through as a download. Failures are short plain text: the
    /// link is followed by a download manager or a script as often as by a person.
    /// </summary>
    private async Task<IActionResult> ExportAsync(string name, HistoryExportFormat format, CancellationToken cancellationToken)
    {
        var cluster = await agent.GetClusterAsync(cancellationToken);
        if (!cluster.IsOk)
        {
            return PlainText(StatusCodes.Status503ServiceUnavailable, Formatting.Format.AgentProblem(cluster.Outcome, cluster.Detail, settings.SocketPath));
        }

        var node = NodePageViewModelBuilder.Find(cluster.Value, name);
        if (node is null)
        {
            return PlainText(StatusCodes.Status404NotFound, $"No node named {name} in cluster {cluster.Value.Cluster}.");
        }

        var window = NodeWindow.For(HistoryRange.Read(RequestAddress.Of(Request).Query), time.GetUtcNow());
        var export = await agent.OpenHistoryExportAsync(node.Name, window.Since, window.Until, format, cancellationToken);
        if (!export.IsOk)
        {
            return export.StatusCode == StatusCodes.Status404NotFound
                ? PlainText(StatusCodes.Status404NotFound, $"The agent keeps no history for {node.Name}.")
                : PlainText(StatusCodes.Status503ServiceUnavailable, Formatting.Format.AgentProblem(export.Outcome, export.Detail, settings.SocketPath));
        }

        HttpContext.Response.RegisterForDispose(export.Value);
        return File(export.Value.Body, ExportDownload.ContentType(format), ExportDownload.FileName(node.Name, format));
    }

    private static ContentResult PlainText(int status, string text) =>
        new() { StatusCode = status, Content = text + "\n", ContentType = "text/plain; charset=utf-8" };

    private static ViewResult WithStatus(ViewResult view, int status)
    {
        view.StatusCode = status;
        return view;
    }
}
