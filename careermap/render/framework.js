/* careermap framework view: the page's "Assess yourself" and "Compare two roles" forms.

   The data comes from the JSON block #careermap-framework (themes, each track's roles in level
   order, each role's steps, expectations and upward moves) and the finder's #careermap-data
   (titles). The answers follow careermap/framework.py (assess) and careermap/compare.py with
   careermap/growth.py (compare); routes come from the finder (window.careermapFind).
   window.careermapAssess(ratings) and window.careermapCompare(a, b) return them as plain data.
   The state is the address: #assess=THEME:STEP,... and #compare=A,B. Text is set as text. */
(function () {
  "use strict";

  var block = document.getElementById("careermap-framework");
  var finderBlock = document.getElementById("careermap-data");
  if (!block || !finderBlock) return;
  var DATA = JSON.parse(block.textContent);
  var TITLES = {};
  JSON.parse(finderBlock.textContent).roles.forEach(function (role) { TITLES[role.id] = role.title; });
  var THEMES = DATA.themes;
  var themeIndex = {};
  THEMES.forEach(function (theme, i) { themeIndex[theme.id] = i; });

  function steps(id) { return (DATA.roles[id] || {}).steps || {}; }
  function stated(id) { return Object.keys(steps(id)).length > 0; }
  function byThemeOrder(a, b) { return themeIndex[a] - themeIndex[b]; }
  function number(value) { return String(Math.round(value * 1e6) / 1e6); }
  function label(theme, value) {
    if (theme.scale.length && Number.isInteger(value) && value >= 1 && value <= theme.scale.length) {
      return theme.scale[value - 1];
    }
    return number(value);
  }

  // -- the answers -----------------------------------------------------------------------------

  function meets(id, ratings) {
    var own = steps(id);
    return Object.keys(own).every(function (theme) {
      return !(theme in ratings) || ratings[theme] >= own[theme];
    });
  }

  function assess(ratings) {
    var tracks = [];
    DATA.tracks.forEach(function (track) {
      var roles = track.roles.filter(stated);
      if (!roles.length) return;
      var met = roles.filter(function (id) { return meets(id, ratings); });
      var top = met.length ? met[met.length - 1] : null;
      var ahead;
      if (top === null) {
        var lowest = DATA.roles[roles[0]].low;
        ahead = roles.filter(function (id) { return DATA.roles[id].low === lowest; });
      } else {
        var up = DATA.roles[top].up;
        ahead = roles.filter(function (id) { return up.indexOf(id) >= 0; });
      }
      var unsure = top === null ? [] : Object.keys(steps(top)).sort(byThemeOrder)
        .filter(function (t) { return !(t in ratings); });
      tracks.push({track: track.track, meets: top, unknown: unsure, next: ahead.map(function (id) {
        var own = steps(id);
        var themes = Object.keys(own).sort(byThemeOrder);
        return {
          role: id,
          gaps: themes.filter(function (t) { return t in ratings && ratings[t] < own[t]; })
            .map(function (t) { return {theme: t, have: ratings[t], need: own[t]}; }),
          unknown: themes.filter(function (t) { return !(t in ratings); })
        };
      })});
    });
    return {
      ratings: ratings,
      unrated: THEMES.map(function (t) { return t.id; }).filter(function (t) { return !(t in ratings); }),
      tracks: tracks
    };
  }

  function route(from, to) {
    var answer = window.careermapFind ? window.careermapFind(from, to, {top: 1}) : null;
    return answer && answer.routes && answer.routes.length ? answer.routes[0] : null;
  }

  function compare(a, b) {
    var sa = steps(a), sb = steps(b);
    var competencies = THEMES.filter(function (t) { return t.id in sa || t.id in sb; })
      .map(function (t) {
        var x = t.id in sa ? sa[t.id] : null, y = t.id in sb ? sb[t.id] : null;
        var change = x === null || y === null ? null : Math.round((y - x) * 1e6) / 1e6;
        return {theme: t.id, a: x, b: y, change: change};
      });
    var ea = (DATA.roles[a] || {}).expected || {}, eb = (DATA.roles[b] || {}).expected || {};
    var fresh = {};
    THEMES.forEach(function (t) {
      var before = ea[t.id] || [];
      var added = (eb[t.id] || []).filter(function (text) { return before.indexOf(text) < 0; });
      if (added.length) fresh[t.id] = added;
    });
    var there = route(a, b), back = route(b, a);
    return {competencies: competencies, expectations_new: fresh,
      routes: {a_to_b: there, b_to_a: back}};
  }

  window.careermapAssess = assess;
  window.careermapCompare = compare;

  // -- drawing ---------------------------------------------------------------------------------

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }
  function title(id) { return id in TITLES ? TITLES[id] : id; }
  function roleLink(id) { return element("a", title(id), {href: "#role-" + id}); }
  function themeName(id) { return THEMES[themeIndex[id]].name; }
  function said(id, value) {
    var theme = THEMES[themeIndex[id]];
    return theme.scale.length ? number(value) + " (" + label(theme, value) + ")" : number(value);
  }

  function showAssessment(result, ratings) {
    var nodes = [];
    if (!Object.keys(ratings).length) {
      nodes.push(element("p", "Give yourself a step in at least one theme."));
      result.replaceChildren.apply(result, nodes);
      return;
    }
    var answer = assess(ratings);
    answer.tracks.forEach(function (track) {
      nodes.push(element("h3", "The " + track.track + " track"));
      var meet = element("p", "You meet: ");
      if (track.meets) meet.append(roleLink(track.meets)); else meet.append("none of its roles");
      if (track.unknown.length) {
        meet.append(" (as far as you rated: " + track.unknown.map(themeName).join(", ") +
          " unknown)");
      }
      nodes.push(meet);
      if (!track.next.length) nodes.push(element("p", "Top of the track."));
      var list = element("ul", null, {"class": "finder-steps"});
      track.next.forEach(function (ahead) {
        var item = element("li", "Next: ");
        item.append(roleLink(ahead.role));
        var gaps = element("ul");
        ahead.gaps.forEach(function (gap) {
          gaps.append(element("li", themeName(gap.theme) + ": you have " + said(gap.theme, gap.have) +
            ", it needs " + said(gap.theme, gap.need)));
        });
        ahead.unknown.forEach(function (theme) {
          gaps.append(element("li", themeName(theme) + ": unknown (not rated)"));
        });
        if (!ahead.gaps.length && !ahead.unknown.length) {
          gaps.append(element("li", "No gap: you meet every step it states."));
        }
        item.append(gaps);
        list.append(item);
      });
      if (track.next.length) nodes.push(list);
    });
    if (answer.unrated.length) {
      nodes.push(element("p", "Not rated (unknown, never taken as zero): " +
        answer.unrated.map(themeName).join(", ") + ".", {"class": "finder-notes"}));
    }
    result.replaceChildren.apply(result, nodes);
  }

  function routeLine(from, to, found) {
    var line = element("p");
    line.append(element("strong", title(from) + " → " + title(to) + ": "));
    if (!found) { line.append("no route in this map."); return line; }
    var via = found.roles.slice(1, -1).map(title);
    line.append(found.steps.length + (found.steps.length === 1 ? " move, " : " moves, ") +
      found.total + (via.length ? " via " + via.join(", ") : "") + ".");
    return line;
  }

  function showComparison(result, a, b) {
    var nodes = [];
    if (!a || !b) {
      nodes.push(element("p", "Choose two roles to compare them."));
    } else if (a === b) {
      nodes.push(element("p", "Pick two different roles.", {"class": "finder-problem"}));
    } else {
      var answer = compare(a, b);
      nodes.push(element("h3", title(a) + " and " + title(b)));
      if (answer.competencies.length) {
        var wrap = element("div", null, {"class": "table-wrap", role: "region", tabindex: "0",
          "aria-label": "Themes compared"});
        var table = element("table");
        table.append(element("caption", "Each theme's step"));
        var head = element("tr");
        ["Theme", title(a), title(b), "Change"].forEach(function (text) {
          head.append(element("th", text, {scope: "col"}));
        });
        var thead = element("thead"); thead.append(head); table.append(thead);
        var body = element("tbody");
        answer.competencies.forEach(function (c) {
          var row = element("tr");
          row.append(element("th", themeName(c.theme), {scope: "row"}));
          row.append(element("td", c.a === null ? "-" : said(c.theme, c.a)));
          row.append(element("td", c.b === null ? "-" : said(c.theme, c.b)));
          row.append(element("td", c.change === null ? "not given for both" : c.change === 0 ? "same" :
            (c.change > 0 ? "grows by " : "shrinks by ") + number(Math.abs(c.change))));
          body.append(row);
        });
        table.append(body); wrap.append(table); nodes.push(wrap);
      } else {
        nodes.push(element("p", "Neither role states a step in a theme."));
      }
      var fresh = Object.keys(answer.expectations_new);
      if (fresh.length) {
        nodes.push(element("h4", "New in " + title(b)));
        var list = element("ul");
        fresh.forEach(function (theme) {
          answer.expectations_new[theme].forEach(function (text) {
            list.append(element("li", themeName(theme) + ": " + text));
          });
        });
        nodes.push(list);
      }
      nodes.push(routeLine(a, b, answer.routes.a_to_b), routeLine(b, a, answer.routes.b_to_a));
    }
    result.replaceChildren.apply(result, nodes);
  }

  // -- the forms and the address ---------------------------------------------------------------

  var assessForm = document.getElementById("assess-form");
  var assessResult = document.getElementById("assess-result");
  var compareForm = document.getElementById("compare-form");
  var compareResult = document.getElementById("compare-result");
  var selects = assessForm ? Array.prototype.slice.call(assessForm.querySelectorAll("select")) : [];

  function readRatings() {
    var ratings = {};
    selects.forEach(function (select) {
      if (select.value !== "") ratings[select.getAttribute("data-theme")] = Number(select.value);
    });
    return ratings;
  }

  function ratingsFromHash(hash) {
    var ratings = {};
    hash.replace(/^#assess=/, "").split(",").forEach(function (part) {
      var pair = part.split(":");
      if (pair.length !== 2) return;
      var theme = decodeURIComponent(pair[0]), step = Number(decodeURIComponent(pair[1]));
      if (theme in themeIndex && pair[1] !== "" && isFinite(step)) ratings[theme] = step;
    });
    return ratings;
  }

  function writeRatings(ratings) {
    selects.forEach(function (select) {
      var theme = select.getAttribute("data-theme");
      select.value = theme in ratings ? String(ratings[theme]) : "";
    });
  }

  function assessHash(ratings) {
    return "#assess=" + Object.keys(ratings).sort(byThemeOrder).map(function (theme) {
      return encodeURIComponent(theme) + ":" + encodeURIComponent(String(ratings[theme]));
    }).join(",");
  }

  function pairFromHash(hash) {
    var ids = hash.replace(/^#compare=/, "").split(",").map(decodeURIComponent);
    return ids.length === 2 ? ids : ["", ""];
  }

  function remember(hash) { history.replaceState(null, "", location.pathname + location.search + hash); }

  if (assessForm && assessResult) {
    assessForm.hidden = false;
    assessForm.addEventListener("change", function () {
      var ratings = readRatings();
      remember(assessHash(ratings));
      showAssessment(assessResult, ratings);
    });
    showAssessment(assessResult, {});
  }
  if (compareForm && compareResult) {
    compareForm.hidden = false;
    var fieldA = document.getElementById("compare-a"), fieldB = document.getElementById("compare-b");
    compareForm.addEventListener("change", function () {
      if (fieldA.value && fieldB.value) {
        remember("#compare=" + encodeURIComponent(fieldA.value) + "," + encodeURIComponent(fieldB.value));
      }
      showComparison(compareResult, fieldA.value, fieldB.value);
    });
    showComparison(compareResult, "", "");
  }

  function follow(hash, scroll) {
    if (hash.indexOf("#assess=") === 0 && assessResult) {
      var ratings = ratingsFromHash(hash);
      writeRatings(ratings);
      showAssessment(assessResult, readRatings());
      if (scroll) document.getElementById("assess").scrollIntoView();
    } else if (hash.indexOf("#compare=") === 0 && compareResult) {
      var pair = pairFromHash(hash);
      document.getElementById("compare-a").value = pair[0];
      document.getElementById("compare-b").value = pair[1];
      showComparison(compareResult, document.getElementById("compare-a").value,
        document.getElementById("compare-b").value);
      if (scroll) document.getElementById("compare").scrollIntoView();
    }
  }

  window.addEventListener("hashchange", function () { follow(location.hash, true); });
  follow(location.hash, true);
})();
