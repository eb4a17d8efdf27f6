// Sorts the traffic-light table by a column header (due date, status, days overdue, or
// back to the default order); without JS the table keeps its default order, most overdue
// first. A URL hash "#sort=KEY" or "#sort=KEY&reverse" clicks the header on load (once or
// twice), which is how the browser test drives the same code path as a reader's click.
(function () {
  "use strict";
  var table = document.getElementById("commitment-table");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.querySelectorAll("thead th[data-sort]");
  // The first click sorts the way a reader expects: most days overdue first, earliest due
  // date first, worst status first (data-status is a rank, 0 = late), default order.
  var firstDir = { overdue: -1, due: 1, status: 1, order: 1 };
  var current = { key: "", dir: 1 };  // no header clicked yet: the default order

  function sortBy(key, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var d = (Number(a.dataset[key]) - Number(b.dataset[key])) * dir;
      return d !== 0 ? d : Number(a.dataset.order) - Number(b.dataset.order);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    current = { key: key, dir: dir };
    Array.prototype.forEach.call(heads, function (h) {
      if (h.dataset.sort === key) h.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
  }

  Array.prototype.forEach.call(heads, function (h) {
    h.classList.add("sortable");
    h.tabIndex = 0;
    var click = function () {
      var key = h.dataset.sort;
      sortBy(key, current.key === key ? -current.dir : firstDir[key] || 1);
    };
    h.addEventListener("click", click);
    h.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); click(); }
    });
  });

  var m = /(?:^#|&)sort=(\w+)(&reverse)?/.exec(window.location.hash);
  if (m) {
    var head = table.querySelector('thead th[data-sort="' + m[1] + '"]');
    if (head) {
      head.click();
      if (m[2]) head.click();
    }
  }
})();
