/* Evidence Brief: progressive enhancement only; every page works without it. */
(function () {
  "use strict";
  var doc = document;
  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }
  doc.documentElement.classList.add("js");

  var live = null; /* live region for "Copied" */
  function announce(message) {
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 60);
  }

  /* Copy buttons: <button data-copy="text" hidden>. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) { /* older browsers, plain http */
      var area = doc.createElement("textarea"), ok = false;
      area.value = text;
      area.style.position = "fixed";
      doc.body.appendChild(area);
      area.select();
      try { ok = doc.execCommand("copy"); } catch (e) { /* no */ }
      doc.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }
  var copyButtons = all("button[data-copy]");
  if (copyButtons.length) {
    live = doc.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    doc.body.appendChild(live);
  }
  copyButtons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(button.getAttribute("data-copy")).then(function () {
        button.classList.add("is-copied");
        announce("Copied");
        window.setTimeout(function () { button.classList.remove("is-copied"); }, 2500);
      }, function () {
        announce("Could not copy; select the text and copy it instead");
      });
    });
  });

  /* Table filters: <div hidden data-js-filters><form data-filter-for="table-id">. */
  all("[data-js-filters]").forEach(function (box) {
    var form = box.querySelector("form[data-filter-for]");
    var table = form && doc.getElementById(form.getAttribute("data-filter-for"));
    if (!table || !table.tBodies.length) return;
    var rows = all("tr", table.tBodies[0]);
    var status = form.querySelector("[data-filter-status]");
    var controls = all("[data-filter]", form);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = controls.every(function (control) {
          var key = control.getAttribute("data-filter");
          var wanted = control.value.trim().toLowerCase();
          if (!wanted) return true;
          if (key === "text") {
            var text = row.textContent.toLowerCase();
            return wanted.split(/\s+/).every(function (word) { return text.indexOf(word) !== -1; });
          }
          return (row.getAttribute("data-" + key) || "").split(" ").indexOf(wanted) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) {
        status.textContent = shown === rows.length ? "" :
          shown === 0 ? "No studies match these filters." : "Showing " + shown + " of " + rows.length + " studies.";
      }
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    box.hidden = false;
    /* Links such as the evidence map's "?settings=primary-care" arrive pre-filtered. */
    var params = new URLSearchParams(window.location.search), preset = false;
    controls.forEach(function (control) {
      var value = params.get(control.getAttribute("data-filter"));
      if (value !== null) { control.value = value; preset = true; }
    });
    if (preset) apply();
  });

  /* Sortable tables: th[data-sort="text|number"] get a button. */
  function sortKey(cell, numeric) {
    var raw = (cell ? cell.getAttribute("data-sort-value") || cell.textContent : "").trim();
    return !numeric ? raw : raw === "" || isNaN(raw) ? null : Number(raw);
  }
  all("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) return;
    all("thead th[data-sort]", table).forEach(function (header) {
      var numeric = header.getAttribute("data-sort") === "number";
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        all("thead th", table).forEach(function (th) { th.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var index = header.cellIndex;
        var rows = all("tr", body);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[index], numeric);
          var y = sortKey(b.cells[index], numeric);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; /* not reported: last */
          var order = numeric ? x - y : x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  /* Search page: Pagefind UI; ?q= comes from the 404 form. */
  var search = doc.getElementById("search");
  if (search) {
    if (typeof window.PagefindUI === "function") {
      var ui = new PagefindUI({element: "#search", showSubResults: true});
      var query = new URLSearchParams(window.location.search).get("q");
      if (query && ui && typeof ui.triggerSearch === "function") ui.triggerSearch(query);
    } else {
      var unavailable = doc.querySelector("[data-search-unavailable]");
      if (unavailable) unavailable.hidden = false;
    }
  }

  /* Mark the element a #fragment points at. */
  function markTarget() {
    all(".is-target").forEach(function (el) { el.classList.remove("is-target"); });
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var target = id && doc.getElementById(id);
    if (target) target.classList.add("is-target");
  }
  markTarget();
  window.addEventListener("hashchange", markTarget);
})();

/* === Screening log filter (templates/screening.html): show one reason's records; without JS every group shows === */
(function () {
  "use strict";
  var box = document.querySelector("[data-screening-filter]");
  if (!box) return;
  var select = box.querySelector("select");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-reason]"));
  box.hidden = false;
  select.addEventListener("change", function () {
    groups.forEach(function (group) {
      group.hidden = select.value !== "" && group.getAttribute("data-reason") !== select.value;
    });
  });
})();
/* === end of screening log filter === */
