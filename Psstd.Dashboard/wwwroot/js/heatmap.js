// psstd heatmap: keeps the squares of the cluster heatmap current from the dashboard's stream. The page works
// without this file (it reloads itself with a meta refresh). Only classes, titles and texts are set: no markup is
// built from what the stream says, and nothing here needs an inline script or style.
(function () {
    "use strict";
    var map = document.getElementById("heatmap");
    if (!map || typeof window.EventSource !== "function") { return; }
    var base = map.getAttribute("data-stream");
    var stamp = map.getAttribute("data-stamp");
    var live = document.querySelector("#hm-summary .hm-live");
    var updates = 0;

    function say(text) { if (live) { live.textContent = text; } }

    function bucketClass(b) { return b >= 0 && b <= 9 ? "b" + b : "bn"; }

    function onSquares(e) {
        var data = JSON.parse(e.data);
        data.squares.forEach(function (s) {
            var square = document.getElementById("h" + s.id);
            if (!square) { return; }
            square.className = bucketClass(s.b) + " s-" + s.s;
            square.title = s.t;
        });
        var counts = {};
        data.counts.forEach(function (c) { counts[c.state] = c.count; });
        Array.prototype.forEach.call(document.querySelectorAll("#hm-summary .summary-state"), function (span) {
            var number = span.querySelector(".hm-state-count");
            if (number) { number.textContent = String(counts[span.getAttribute("data-state")] || 0); }
        });
        updates++;
        map.setAttribute("data-updates", String(updates));
        map.setAttribute("data-last-squares", String(data.squares.length));
        say("");
    }

    function connect(withStamp) {
        // The stamp names what this page was rendered with, so the first event holds only what changed since.
        var url = base + (withStamp && stamp ? "&stamp=" + encodeURIComponent(stamp) : "");
        var source = new EventSource(url);
        source.addEventListener("squares", onSquares);
        source.addEventListener("reshape", function () {
            // Nodes came, went or changed group: the squares are no longer in their places; load the page again.
            source.close();
            window.location.reload();
        });
        source.addEventListener("agent-error", function (e) {
            var detail = "";
            try { detail = JSON.parse(e.data).error; } catch (err) { detail = "the agent does not answer"; }
            say(detail);
        });
        source.onerror = function () {
            // A broken connection may have missed updates: start again without the stamp, and the next stream
            // sends every square once. EventSource's own retry would reuse the stamp, so it is not left to it.
            source.close();
            say("live updates interrupted; reconnecting");
            window.setTimeout(function () { connect(false); }, 5000);
        };
    }

    connect(true);
})();
