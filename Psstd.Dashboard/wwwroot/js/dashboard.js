// psstd dashboard: the few things htmx does not do by itself. The page works without this file.
(function () {
    "use strict";

    // Display preferences live in the URL (so links and refreshes carry them) and in localStorage (so a
    // bare URL opened later looks the same). A URL that names any preference wins and is remembered.
    var PREFS = ["sort", "dir", "hide_stale", "hide_offline", "q", "theme", "palette", "range", "view", "metric", "group", "tag"];
    var STORE = "psstd.prefs";

    function restorePreferences() {
        var params = new URLSearchParams(window.location.search);
        var named = PREFS.some(function (k) { return params.has(k); });
        var stored = null;
        try { stored = window.localStorage.getItem(STORE); } catch (e) { return; }
        if (named) {
            // Every value of each preference: tag filters repeat.
            var keep = new URLSearchParams();
            PREFS.forEach(function (k) { params.getAll(k).forEach(function (v) { keep.append(k, v); }); });
            try { window.localStorage.setItem(STORE, keep.toString()); } catch (e) { /* private mode */ }
            return;
        }
        if (!stored) { return; }
        var saved = new URLSearchParams(stored);
        PREFS.forEach(function (k) {
            var values = saved.getAll(k);
            if (values.length === 0) { return; }
            params.delete(k);
            values.forEach(function (v) { params.append(k, v); });
        });
        var next = window.location.pathname + "?" + params.toString() + window.location.hash;
        if (next !== window.location.pathname + window.location.search + window.location.hash) {
            window.location.replace(next);
        }
    }

    // Open <details> are not part of the server's answer: remember them across each swap of the grid. The
    // scroll position is pinned too: replacing the focused cell lets Chromium scroll it into view.
    var openDetails = [];
    var scrollX = 0, scrollY = 0;
    document.addEventListener("htmx:beforeSwap", function () {
        openDetails = Array.prototype.map.call(document.querySelectorAll("#nodes details[open]"), function (d) { return d.id; });
        scrollX = window.scrollX;
        scrollY = window.scrollY;
    });
    function restore() {
        openDetails.forEach(function (id) {
            var d = document.getElementById(id);
            if (d) { d.open = true; }
        });
        if (window.scrollX !== scrollX || window.scrollY !== scrollY) { window.scrollTo(scrollX, scrollY); }
    }
    document.addEventListener("htmx:afterSwap", restore);
    document.addEventListener("htmx:afterSettle", restore);

    // Keyboard: arrows or j/k move between nodes, Home/End jump, Enter opens the node page.
    document.addEventListener("keydown", function (e) {
        var cell = e.target && e.target.closest ? e.target.closest("article.node") : null;
        if (!cell || e.target !== cell || e.altKey || e.ctrlKey || e.metaKey) { return; }
        var cells = Array.prototype.slice.call(document.querySelectorAll("#nodes article.node"));
        var i = cells.indexOf(cell);
        var next = null;
        switch (e.key) {
            case "ArrowRight": case "ArrowDown": case "j": next = cells[i + 1]; break;
            case "ArrowLeft": case "ArrowUp": case "k": next = cells[i - 1]; break;
            case "Home": next = cells[0]; break;
            case "End": next = cells[cells.length - 1]; break;
            case "Enter":
                var link = cell.querySelector("a.node-page");
                if (link) { link.click(); e.preventDefault(); }
                return;
            default: return;
        }
        if (next) { next.focus(); e.preventDefault(); }
    });

    restorePreferences();
})();
