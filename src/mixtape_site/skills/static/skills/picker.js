// The skill picker searches as the user types and again on Enter or Search. Typing then
// pressing Enter at once would send the same query twice, and the late answer would
// replace results the user may have ticked meanwhile. So the search-as-you-type request is
// dropped when it repeats the query last sent; Enter and Search always go.
(function () {
  var lastQuery = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var box = document.getElementById("skill-q");
    if (!box) { return; }
    var sent = event.detail.elt;
    if (sent === box && box.value === lastQuery) { event.preventDefault(); return; }
    if (sent === box || sent.id === "skill-search") { lastQuery = box.value; }
  });
}());
