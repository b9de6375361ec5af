// psstd dashboard: one time cursor across every chart of the page, with each series' value at that time.
// The charts are server-drawn SVG; this file only reads their data- attributes (no inline script or style, so the
// Content-Security-Policy stays strict). Without it the charts show their current values and nothing else.
(function () {
    "use strict";

    var UNITS = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    var cursorTime = null; // unix seconds under the cursor, or null when there is none

    function charts() {
        return Array.prototype.slice.call(document.querySelectorAll("figure.chart[data-cells]"));
    }

    function grid(figure) {
        return {
            since: parseFloat(figure.getAttribute("data-since")) || 0,
            span: parseFloat(figure.getAttribute("data-span")) || 0,
            step: parseFloat(figure.getAttribute("data-step")) || 0,
            cells: parseInt(figure.getAttribute("data-cells"), 10) || 0
        };
    }

    // The same rounding as the server's texts: whole percents, loads to two decimals, rates in binary units.
    function format(value, unit) {
        if (unit === "pct") { return Math.round(Math.min(100, Math.max(0, value))) + "%"; }
        if (unit === "load") { return value.toFixed(2); }
        if (Math.abs(value) < 1024) { return Math.round(value) + " B/s"; }
        var v = value, u = -1;
        do { v /= 1024; u++; } while (Math.abs(v) >= 1023.95 && u < UNITS.length - 1);
        return v.toFixed(1) + " " + UNITS[u] + "/s";
    }

    function clock(seconds) {
        var d = new Date(seconds * 1000);
        var hh = ("0" + d.getHours()).slice(-2), mm = ("0" + d.getMinutes()).slice(-2);
        var ago = Math.max(0, Math.round(Date.now() / 1000 - seconds));
        var rel = ago < 3600 ? Math.floor(ago / 60) + "m ago" : Math.floor(ago / 3600) + "h " + Math.floor((ago % 3600) / 60) + "m ago";
        return hh + ":" + mm + " (" + rel + ")";
    }

    function cellAt(g, time) {
        if (g.step <= 0 || g.cells <= 0) { return -1; }
        var i = Math.floor((time - g.since) / g.step);
        return Math.min(g.cells - 1, Math.max(0, i));
    }

    function valuesOf(path) {
        if (!path.__psstdValues || path.__psstdText !== path.getAttribute("data-values")) {
            path.__psstdText = path.getAttribute("data-values") || "";
            path.__psstdValues = path.__psstdText.split(",");
        }
        return path.__psstdValues;
    }

    function show(figure, time) {
        var g = grid(figure);
        var i = cellAt(g, time);
        var line = figure.querySelector("line.chart-cursor");
        var svg = figure.querySelector("svg");
        if (i < 0 || !line || !svg) { return; }
        var width = svg.viewBox.baseVal.width || 300;
        var x = (Math.min(g.span, (i + 0.5) * g.step) / g.span * width).toFixed(1);
        line.setAttribute("x1", x);
        line.setAttribute("x2", x);
        line.setAttribute("visibility", "visible");
        figure.classList.add("cursor-on");
        var when = clock(g.since + (i + 0.5) * g.step);
        figure.querySelector(".chart-at").textContent = when;
        var words = [];
        Array.prototype.forEach.call(figure.querySelectorAll("path.series"), function (path) {
            var raw = valuesOf(path)[i];
            var key = path.getAttribute("data-series");
            var text = raw === undefined || raw === "" ? "no data" : format(parseFloat(raw), path.getAttribute("data-unit"));
            var label = figure.querySelector(".series-now[data-series='" + key + "'] strong");
            if (label) {
                label.textContent = text;
                words.push(label.parentNode.firstChild.textContent.trim() + " " + text);
            }
        });
        figure.setAttribute("aria-label", figure.querySelector(".chart-title").textContent + " at " + when + ": " + words.join(", "));
    }

    function hide(figure) {
        var line = figure.querySelector("line.chart-cursor");
        if (line) { line.setAttribute("visibility", "hidden"); }
        figure.classList.remove("cursor-on");
        figure.removeAttribute("aria-label");
        Array.prototype.forEach.call(figure.querySelectorAll("[data-now]"), function (e) {
            e.textContent = e.getAttribute("data-now");
        });
    }

    function apply() {
        charts().forEach(function (figure) {
            if (cursorTime === null) { hide(figure); } else { show(figure, cursorTime); }
        });
    }

    function timeAt(figure, clientX) {
        var g = grid(figure);
        var svg = figure.querySelector("svg");
        if (!svg || g.span <= 0) { return null; }
        var box = svg.getBoundingClientRect();
        var share = box.width > 0 ? Math.min(1, Math.max(0, (clientX - box.left) / box.width)) : 1;
        return g.since + share * g.span;
    }

    function move(e) {
        var figure = e.target && e.target.closest ? e.target.closest("figure.chart[data-cells]") : null;
        if (!figure || !e.target.closest(".chart-body")) { return; }
        var t = timeAt(figure, e.clientX);
        if (t !== null) {
            cursorTime = t;
            apply();
        }
    }

    function leave(e) {
        var figure = e.target && e.target.closest ? e.target.closest("figure.chart[data-cells]") : null;
        if (!figure || figure.contains(e.relatedTarget)) { return; }
        if (document.activeElement === figure) { return; }
        cursorTime = null;
        apply();
    }

    // Touch: a tap or drag on a chart moves the cursor too (pointer events cover mouse, pen and touch).
    document.addEventListener("pointermove", move);
    document.addEventListener("pointerdown", move);
    document.addEventListener("pointerout", leave);

    // Keyboard: a focused chart shows the cursor at the newest cell; arrows step a cell (ten with Shift), Home/End
    // jump, Escape hides it.
    document.addEventListener("focusin", function (e) {
        var figure = e.target;
        if (!figure.matches || !figure.matches("figure.chart[data-cells]") || cursorTime !== null) { return; }
        var g = grid(figure);
        cursorTime = g.since + (g.cells - 0.5) * g.step;
        apply();
    });
    document.addEventListener("focusout", function (e) {
        if (e.target.matches && e.target.matches("figure.chart[data-cells]") && !(e.relatedTarget && e.relatedTarget.matches && e.relatedTarget.matches("figure.chart[data-cells]"))) {
            cursorTime = null;
            apply();
        }
    });
    document.addEventListener("keydown", function (e) {
        var figure = e.target;
        if (!figure.matches || !figure.matches("figure.chart[data-cells]") || e.altKey || e.ctrlKey || e.metaKey) { return; }
        var g = grid(figure);
        var i = cellAt(g, cursorTime === null ? g.since + g.span : cursorTime);
        switch (e.key) {
            case "ArrowLeft": i -= e.shiftKey ? 10 : 1; break;
            case "ArrowRight": i += e.shiftKey ? 10 : 1; break;
            case "Home": i = 0; break;
            case "End": i = g.cells - 1; break;
            case "Escape": cursorTime = null; apply(); return;
            default: return;
        }
        i = Math.min(g.cells - 1, Math.max(0, i));
        cursorTime = g.since + (i + 0.5) * g.step;
        apply();
        e.preventDefault();
    });

    // htmx swaps fresh charts in every few seconds: put the cursor back on them.
    document.addEventListener("htmx:afterSettle", function () {
        if (cursorTime !== null) { apply(); }
    });
})();
