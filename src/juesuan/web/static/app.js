// Light touch: clicking a finding or a narrative claim lights up its cells.
(function () {
  function light(ids) {
    document.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    var first = null;
    ids.split(/\s+/).filter(Boolean).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.classList.add("lit"); first = first || el; }
    });
    return first;
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-cells]");
    if (!target || event.target.closest("a.cellref")) { return; }
    var first = light(target.getAttribute("data-cells"));
    if (first) {
      event.preventDefault();
      var details = first.closest("details");
      if (details) { details.open = true; }
      first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
  // Uploading can take a few seconds per file: say so.
  var form = document.getElementById("upload-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button");
      button.disabled = true;
      button.textContent = "正在审核…";
    });
  }
})();
