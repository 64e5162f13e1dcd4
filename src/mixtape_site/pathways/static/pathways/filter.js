// The group form's filter box: hides the micro-credentials whose name and institution don't
// match what is typed (accents and case ignored). Hidden choices stay in the form, so those
// already ticked are still saved. Without JavaScript the box stays hidden and all are shown.
(function () {
  var box = document.getElementById("achievement-filter");
  var status = document.getElementById("achievement-filter-status");
  if (!box || !status) { return; }
  box.closest(".achievement-filter").hidden = false;
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); } // filtering, not saving
  });
  box.addEventListener("input", function () {
    var query = plain(box.value.trim());
    var shown = 0;
    document.querySelectorAll(".institution-choices").forEach(function (set) {
      var institution = plain(set.querySelector("legend").textContent);
      var visible = 0;
      set.querySelectorAll("li").forEach(function (item) {
        var match = !query || institution.indexOf(query) >= 0 ||
          plain(item.textContent).indexOf(query) >= 0;
        item.hidden = !match;
        visible += match ? 1 : 0;
      });
      set.hidden = visible === 0;
      shown += visible;
    });
    status.textContent = query ? status.dataset.template.replace("%(count)s", shown) : "";
  });
}());
