/* careermap route finder: the page's "Find a route" form, in plain JavaScript.

   The map comes from the page's JSON block (#careermap-data). Routes follow the engine's rules
   (careermap/graph.py): simple paths from From to To, optionally with no downward move, only
   through roles on one track (the ends excepted) and never through an avoided role; ranked by
   best-case years as Route.rank("min") does: (unknown minimums, known minimums), moves,
   (unknown maximums, known maximums), the minimums again, then the role ids. Years are
   compared in whole billionths, as the engine does.

   The search is Yen's k-shortest simple paths, as the engine's (networkx's
   shortest_simple_paths), with Dijkstra on weight vectors that order routes as Route.rank
   does up to the role ids; every route tied with the K-th is gathered, then all are sorted
   with the role ids last. It stops after BUDGET steps (roles scanned, moves looked at) and says so:
   it never claims there is no route unless it looked at every way.

   P10 and P90 are a port of careermap/estimates.py (the same grid convolution), tested to agree
   with it. window.careermapFind(from, to, options) returns the answer as plain data. */
(function () {
  "use strict";

  var dataBlock = document.getElementById("careermap-data");
  if (!dataBlock) return;
  var DATA = JSON.parse(dataBlock.textContent);
  var ROLES = DATA.roles;
  var MOVES = DATA.moves;
  var BUDGET = 1000000; // steps one search may take (roles scanned, moves looked at)
  var QUANTA = 1e9; // per year: totals compared in whole billionths, as graph.QUANTUM
  // Everything keyed by a string from the data or the link is a Map: a plain object would
  // find "constructor" or "__proto__" on its prototype.
  var index = new Map();
  ROLES.forEach(function (role, i) { index.set(role.id, i); });
  var TRACK_IDS = new Set();
  ROLES.forEach(function (role) { role.tracks.forEach(function (t) { TRACK_IDS.add(t); }); });

  // -- words and numbers, as careermap/render/text.py writes them ---------------------------

  function oneDecimal(years) { return (Math.floor(years * 10 + 0.5) / 10).toFixed(1); }
  function formatYears(years) { return oneDecimal(years).replace(/\.0$/, ""); }
  function formatRange(low, high) {
    return low === high ? formatYears(low) : formatYears(low) + "-" + formatYears(high);
  }
  function yearsRange(low, high) {
    if (low === null) return high === null ? "unknown" : "at most " + formatYears(high);
    if (high === null) return formatYears(low) + "+";
    return formatRange(low, high);
  }
  function count(number, singular) { return number + " " + singular + (number === 1 ? "" : "s"); }
  function routeTotal(route) {
    if (route.max !== null && route.p10 !== null) {
      return formatRange(route.min, route.max) + " years, typically " + oneDecimal(route.typical) +
        " years (P10-P90: " + oneDecimal(route.p10) + "-" + oneDecimal(route.p90) + ")";
    }
    var missing = [];
    if (route.unknown) missing.push(count(route.unknown, "move") + " of unknown length");
    if (route.open) missing.push(count(route.open, "open-ended move") + " with no known maximum");
    if (route.atMost) missing.push(count(route.atMost, "move") + " with no known minimum");
    var least = formatYears(route.min), known;
    if (route.max !== null) known = "at most " + formatYears(route.max) + " years" + (route.min ? " (at least " + least + ")" : "");
    else known = route.min ? "at least " + least + " years" : "length unknown";
    return known + "; " + missing.join(", ");
  }

  // -- P10 and P90: careermap/estimates.py, step for step --------------------------------------

  var GRID_CELLS = 2048, MIN_CELLS = 512, CELL_BUDGET = 16384, NEGLIGIBLE_YEARS = 1e-10;

  function sum(values) { var total = 0; for (var i = 0; i < values.length; i++) total += values[i]; return total; }

  function estimate(ranges) {
    var low = sum(ranges.map(function (r) { return r[0]; }));
    var high = sum(ranges.map(function (r) { return r[1]; }));
    var widths = ranges.map(function (r) { return r[1] - r[0]; })
      .filter(function (w) { return w > NEGLIGIBLE_YEARS; });
    var median = sum(ranges.map(function (r) { return (r[0] + r[1]) / 2; }));
    if (!widths.length) return {min: low, max: high, p10: low, p50: median, p90: high};
    var q = quantilesOfUniformSum(widths, [0.1, 0.9]);
    var p10 = Math.min(Math.max(low + q[0], low), median);
    var p90 = Math.max(Math.min(low + q[1], high), median);
    return {min: low, max: high, p10: p10, p50: median, p90: p90};
  }

  function quantilesOfUniformSum(widths, probabilities) {
    widths = widths.slice().sort(function (a, b) { return b - a; });
    var floor = sum(widths) / GRID_CELLS / 100;
    var shift = sum(widths.filter(function (w) { return w < floor; })) / 2;
    widths = widths.filter(function (w) { return w >= floor; });
    var cells = Math.max(MIN_CELLS, Math.min(GRID_CELLS, Math.floor(CELL_BUDGET / widths.length)));
    var step = sum(widths) / cells;
    var edges = [], cdf = [], k, j;
    for (k = 0; k <= cells; k++) edges.push(k * step);
    for (k = 0; k <= cells; k++) cdf.push(Math.min(edges[k] / widths[0], 1.0));
    for (var w = 1; w < widths.length; w++) {
      var width = widths[w];
      var integral = [0.0], running = 0.0;
      for (k = 0; k < cells; k++) { running += step * (cdf[k] + cdf[k + 1]) / 2; integral.push(running); }
      var shiftCells = width / step;
      var m = Math.trunc(shiftCells);
      var t = (1 - (shiftCells - m)) * step;
      var curve = t * t / (2 * step);
      var behind = [];
      for (k = 0; k <= m; k++) behind.push(0.0);
      for (j = 0; j < cells - m; j++) {
        behind.push(integral[j] + t * cdf[j] + curve * (cdf[j + 1] - cdf[j]));
      }
      var next = [];
      for (k = 0; k <= cells; k++) {
        next.push(Math.min(Math.max((integral[k] - behind[k]) / width, 0.0), 1.0));
      }
      cdf = next;
    }
    return probabilities.map(function (p) { return shift + invert(cdf, edges, p); });
  }

  function invert(cdf, edges, probability) {
    var lo = 0, hi = cdf.length - 1;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (cdf[mid] < probability) lo = mid; else hi = mid;
    }
    var below = cdf[lo], above = cdf[hi];
    if (above <= below) return edges[hi];
    return edges[lo] + (probability - below) / (above - below) * (edges[hi] - edges[lo]);
  }

  // -- the search ---------------------------------------------------------------------------

  function quanta(years) { return Math.round(years * QUANTA); }

  // A route's weight: (unknown minimums, known minimums, moves, unknown maximums, known
  // maximums), compared in that order; Route.rank's 4th key repeats the 1st and 2nd.
  function addWeights(a, b) { return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]]; }
  function compareWeights(a, b) {
    for (var i = 0; i < 5; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  function compareIds(x, y) {
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return x.length - y.length;
  }
  function compareRoutes(a, b) { return compareWeights(a.weight, b.weight) || compareIds(a.ids, b.ids); }

  function problem(from, to, options) {
    var role;
    for (role of [from, to, options.avoid || null]) {
      if (role !== null && !index.has(role)) return "This map has no role '" + role + "'.";
    }
    if (from === to) return "From and To are the same role: pick two different roles.";
    if (options.avoid && (options.avoid === from || options.avoid === to)) {
      return ROLES[index.get(options.avoid)].title + " is both avoided and an end of the route: " +
        "avoid another role.";
    }
    if (options.track && !TRACK_IDS.has(options.track)) {
      return "This map has no track '" + options.track + "'.";
    }
    return null;
  }

  /* The best `top` routes from one role id to another, as plain data. options: top (1-5),
     noDownward, track (a track id or ""), avoid (a role id or ""), budget (moves to look at).

     Yen's k-shortest simple paths on the query's graph (the allowed roles and moves), with
     Dijkstra on the weight vectors above: routes come in weight order, and every route as
     light as the top-th is gathered before they are sorted, role ids last, as the engine does. */
  function find(from, to, options) {
    options = options || {};
    var top = Math.max(1, Math.min(5, Math.floor(Number(options.top)) || 1));
    var track = options.track || "", avoid = options.avoid || "";
    var noDownward = Boolean(options.noDownward);
    var limit = Number(options.budget) || BUDGET;
    var answer = {from: from, to: to, top: top, noDownward: noDownward, track: track,
      avoid: avoid, error: null, complete: true, looked: 0, routes: []};
    answer.error = problem(from, to, options);
    if (answer.error) return answer;
    var n = ROLES.length, s = index.get(from), t = index.get(to), i;
    var allowed = ROLES.map(function (role, k) {
      if (role.id === avoid) return false;
      return k === s || k === t || !track || role.tracks.indexOf(track) >= 0;
    });
    var out = [];
    for (i = 0; i < n; i++) out.push([]);
    MOVES.forEach(function (move) {
      var a = index.get(move.from), b = index.get(move.to);
      if (!allowed[a] || !allowed[b] || (noDownward && move.kind === "downward")) return;
      var low = move.years ? move.years[0] : null, high = move.years ? move.years[1] : null;
      out[a].push({from: a, to: b, move: move, low: low, high: high, weight: [
        low === null ? 1 : 0, low === null ? 0 : quanta(low), 1,
        high === null ? 1 : 0, high === null ? 0 : quanta(high)]});
    });
    var looked = 0;

    // The lightest way from `start` to t that enters no blocked role and takes no blocked
    // move, as a list of moves; null if none (or the budget ran out: looked > limit).
    function lightest(start, blockedRoles, blockedMoves) {
      var dist = [], via = [], done = [];
      for (var k = 0; k < n; k++) { dist.push(null); via.push(null); done.push(false); }
      dist[start] = [0, 0, 0, 0, 0];
      var reached = [start]; // roles with a distance, not yet done
      while (reached.length) {
        if ((looked += reached.length) > limit) return null; // a pick scans them
        var pick = 0;
        for (k = 1; k < reached.length; k++) {
          if (compareWeights(dist[reached[k]], dist[reached[pick]]) < 0) pick = k;
        }
        var v = reached.splice(pick, 1)[0];
        if (v === t) break;
        done[v] = true;
        for (k = 0; k < out[v].length; k++) {
          var edge = out[v][k], b = edge.to;
          if (done[b] || blockedRoles[b] || blockedMoves.indexOf(edge) >= 0) continue;
          if (++looked > limit) return null;
          var weight = addWeights(dist[v], edge.weight);
          if (dist[b] === null) reached.push(b);
          if (dist[b] === null || compareWeights(weight, dist[b]) < 0) { dist[b] = weight; via[b] = edge; }
        }
      }
      if (dist[t] === null) return null;
      var edges = [];
      for (var at = t; at !== start; at = via[at].from) edges.unshift(via[at]);
      return edges;
    }

    function route(edges) {
      var weight = [0, 0, 0, 0, 0];
      edges.forEach(function (edge) { weight = addWeights(weight, edge.weight); });
      var ids = [ROLES[s].id].concat(edges.map(function (edge) { return ROLES[edge.to].id; }));
      return {edges: edges, weight: weight, ids: ids, name: ids.join(" ")};
    }

    var chosen = [], candidates = [], seen = new Set();
    var first = lightest(s, [], []);
    if (first) { candidates.push(route(first)); seen.add(candidates[0].name); }
    while (candidates.length && looked <= limit) {
      var best = 0;
      for (i = 1; i < candidates.length; i++) {
        if (compareRoutes(candidates[i], candidates[best]) < 0) best = i;
      }
      var next = candidates[best];
      // Past the top-th route, only routes as light as it (ties, ordered by role ids) count.
      if (chosen.length >= top && compareWeights(next.weight, chosen[top - 1].weight) > 0) break;
      candidates.splice(best, 1);
      chosen.push(next);
      for (var spur = 0; spur < next.edges.length && looked <= limit; spur++) {
        var root = next.edges.slice(0, spur);
        var rootName = next.ids.slice(0, spur + 1).join(" ");
        var blockedRoles = [];
        for (i = 0; i < n; i++) blockedRoles.push(false);
        for (i = 0; i < spur; i++) blockedRoles[root[i].from] = true;
        var blockedMoves = [];
        chosen.forEach(function (known) {
          if (known.edges.length > spur && known.ids.slice(0, spur + 1).join(" ") === rootName) {
            blockedMoves.push(known.edges[spur]);
          }
        });
        var rest = lightest(spur ? root[spur - 1].to : s, blockedRoles, blockedMoves);
        if (!rest) continue;
        var found = route(root.concat(rest));
        if (!seen.has(found.name)) { seen.add(found.name); candidates.push(found); }
      }
    }
    answer.complete = looked <= limit;
    answer.looked = Math.min(looked, limit);
    chosen.sort(compareRoutes);
    answer.routes = chosen.slice(0, top).map(function (found) { return describe(found.edges); });
    return answer;
  }

  function describe(edges) {
    var steps = edges.map(function (edge) {
      // Every key the page's data gives the move (finder_data: one per field of the record),
      // with its years as taken on this route.
      return Object.assign({}, edge.move, {min: edge.low, max: edge.high,
        years: yearsRange(edge.low, edge.high)});
    });
    var route = {roles: [edges[0].move.from].concat(steps.map(function (s) { return s.to; })),
      steps: steps, min: 0, max: 0, typical: null, p10: null, p90: null, unknown: 0, open: 0,
      atMost: 0};
    steps.forEach(function (step) {
      route.min += step.min === null ? 0 : step.min;
      if (step.min === null && step.max === null) route.unknown += 1;
      else if (step.min === null) route.atMost += 1;
      else if (step.max === null) route.open += 1;
    });
    var highs = steps.map(function (step) { return step.max; });
    route.max = highs.indexOf(null) >= 0 ? null : sum(highs);
    if (!route.unknown && !route.open && !route.atMost) {
      route.typical = sum(steps.map(function (step) { return (step.min + step.max) / 2; }));
      var e = estimate(steps.map(function (step) { return [step.min, step.max]; }));
      route.p10 = e.p10;
      route.p90 = e.p90;
    }
    route.total = routeTotal(route);
    return route;
  }

  window.careermapFind = find;
  window.careermapEstimate = estimate;

  // -- the form, the link and the result ------------------------------------------------------

  var form = document.getElementById("finder-form");
  var result = document.getElementById("finder-result");
  if (!form || !result) return;
  var fields = {
    from: form.elements.from, to: form.elements.to, top: form.elements.top,
    noDownward: form.elements["no-downward"], track: form.elements.track, avoid: form.elements.avoid
  };
  form.hidden = false;

  function readForm() {
    return {from: fields.from.value, to: fields.to.value, top: Number(fields.top.value) || 3,
      noDownward: fields.noDownward.checked, track: fields.track.value, avoid: fields.avoid.value};
  }

  function writeForm(state) {
    fields.from.value = state.from;
    fields.to.value = state.to;
    fields.top.value = String(state.top);
    fields.noDownward.checked = state.noDownward;
    fields.track.value = state.track;
    fields.avoid.value = state.avoid;
  }

  // Only a hash with "=" is the finder's; "#role-staff-engineer" and the like are left alone.
  // A value this map does not know (a role, a track, a number of routes), or a key the finder
  // does not use, is ignored, and the page says which (state.ignored).
  var HASH_KEYS = ["from", "to", "top", "no-downward", "track", "avoid"];
  function stateFromHash(hash) {
    if (hash.indexOf("=") < 0) return null;
    var params = new URLSearchParams(hash.replace(/^#/, ""));
    var ignored = [];
    function known(key, valid) {
      var value = params.get(key) || "";
      if (value && !valid(value)) { ignored.push(key + "=" + value); return ""; }
      return value;
    }
    function isRole(value) { return index.has(value); }
    params.forEach(function (value, key) {
      if (HASH_KEYS.indexOf(key) < 0) ignored.push(key + "=" + value);
    });
    var top = known("top", function (value) {
      return /^[1-5]$/.test(value);
    });
    return {from: known("from", isRole), to: known("to", isRole), top: top ? Number(top) : 3,
      noDownward: params.has("no-downward") && params.get("no-downward") !== "0",
      track: known("track", function (value) { return TRACK_IDS.has(value); }),
      avoid: known("avoid", isRole), ignored: ignored};
  }

  // The note on what a link held that the finder ignored (each value cut to 40 characters).
  function ignoredNote(ignored) {
    var shown = ignored.map(function (item) {
      return item.length > 40 ? item.slice(0, 39) + "…" : item;
    });
    return element("p", "This link's " + shown.join(", ") + (shown.length === 1 ? " is" : " are") +
      " not part of this map's finder, so the finder ignored " +
      (shown.length === 1 ? "it." : "them."), {"class": "finder-problem finder-ignored"});
  }

  function hashOf(state) {
    var params = new URLSearchParams();
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    if (state.top !== 3) params.set("top", String(state.top));
    if (state.noDownward) params.set("no-downward", "1");
    if (state.track) params.set("track", state.track);
    if (state.avoid) params.set("avoid", state.avoid);
    var text = params.toString();
    return text ? "#" + text : "";
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function title(id) { return index.has(id) ? ROLES[index.get(id)].title : id; }

  function roleLink(id) { return element("a", title(id), {href: "#role-" + id}); }

  function constraints(answer) {
    var said = [answer.top === 1 ? "The best route" : "The best " + answer.top + " routes",
      "by best-case years"];
    if (answer.noDownward) said.push("no downward moves");
    if (answer.track) said.push("only through roles on the " + answer.track + " track");
    if (answer.avoid) said.push("never through " + title(answer.avoid));
    return said.join(", ") + ".";
  }

  function stepItem(step) {
    var item = element("li");
    var names = element("span", null, {"class": "step-roles"});
    names.append(roleLink(step.from), " → ", roleLink(step.to));
    item.append(names, ": " + step.kind + (step.rare ? " (rare)" : "") + ", " + step.years +
      (step.min === null ? " years (the data gives no length)." : " years."));
    var details = [];
    if (step.condition) details.push("condition: " + step.condition);
    if (step.note) details.push(step.note);
    if (details.length) item.append(element("span", details.join("; "), {"class": "step-note"}));
    return item;
  }

  function show(state) {
    var nodes = [];
    var answer = null;
    if (state.ignored && state.ignored.length) nodes.push(ignoredNote(state.ignored));
    if (!state.from || !state.to) {
      nodes.push(element("p", "Choose a From and a To role to see the best routes between them."));
    } else {
      answer = find(state.from, state.to, state);
      nodes.push(element("h3", "Routes from " + title(state.from) + " to " + title(state.to),
        {id: "finder-result-heading", tabindex: "-1"}));
      if (answer.error) {
        nodes.push(element("p", answer.error, {"class": "finder-problem"}));
      } else if (!answer.routes.length && answer.complete) {
        var constrained = answer.noDownward || answer.track || answer.avoid;
        nodes.push(element("p", "No route from " + title(state.from) + " to " + title(state.to) +
          (constrained ? " with these constraints: try fewer of them." : " in this map.")));
      } else {
        nodes.push(element("p", constraints(answer)));
        if (!answer.complete) {
          nodes.push(element("p", "The search stopped after " + answer.looked +
            " steps" + (answer.routes.length ?
              ": these are the best routes it found, and better ones may exist." :
              " before finding a route, which does not mean there is none.") +
            " The command line searches further: careermap path " + state.from + " " +
            state.to + ".", {"class": "finder-problem"}));
        }
        var list = element("ol", null, {"class": "finder-routes"});
        answer.routes.forEach(function (route, k) {
          var item = element("li");
          item.append(element("h4", "Route " + (k + 1) + ": " + route.total));
          item.append(element("p", count(route.steps.length, "move") +
            (k === 0 && document.querySelector(".map svg") ? "; marked on the skills map" : "") +
            ".", {"class": "route-summary"}));
          var steps = element("ol", null, {"class": "finder-steps", "aria-label": "Moves of route " + (k + 1)});
          route.steps.forEach(function (step) { steps.append(stepItem(step)); });
          item.append(steps);
          list.append(item);
        });
        nodes.push(list);
        var notes = [DATA.notes.estimate];
        if (answer.routes.some(function (r) { return r.p10 !== null; })) notes.push(DATA.notes.model);
        if (answer.routes.some(function (r) { return r.p10 === null; })) notes.push(DATA.notes.unknown);
        nodes.push(element("p", notes.join(" "), {"class": "finder-notes"}));
      }
    }
    result.replaceChildren.apply(result, nodes);
    highlight(answer && answer.routes.length ? answer.routes[0] : null);
  }

  // The first route on the skills map: its moves (drawn last, over the others) and roles.
  function highlight(route) {
    document.querySelectorAll(".map .found").forEach(function (node) { node.classList.remove("found"); });
    if (!route) return;
    route.roles.forEach(function (id) {
      var node = document.getElementById("node-" + id);
      if (node) node.classList.add("found");
    });
    route.steps.forEach(function (step) {
      var move = document.querySelector('.map g.move[data-from="' + CSS.escape(step.from) +
        '"][data-to="' + CSS.escape(step.to) + '"]');
      if (move) { move.classList.add("found"); move.parentNode.appendChild(move); }
    });
  }

  function update() {
    var state = readForm();
    var url = location.pathname + location.search + hashOf(state);
    history.replaceState(null, "", url); // the link is the state; no history entry per change
    show(state);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "SELECT") {
      event.preventDefault();
      update();
    }
  });
  window.addEventListener("hashchange", function () {
    var state = stateFromHash(location.hash);
    if (state) { writeForm(state); show(state); }
  });

  var start = stateFromHash(location.hash);
  if (start) {
    writeForm(start);
    show(start);
    document.getElementById("finder").scrollIntoView();
  } else {
    show(readForm());
  }
})();
