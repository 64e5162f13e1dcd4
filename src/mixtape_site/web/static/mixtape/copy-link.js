// "Copy link" on a credential's page: shown only where the Clipboard API exists.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("copy-link");
  if (!button || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(document.getElementById("share-link").value).then(function () {
      document.getElementById("copy-link-status").textContent = button.dataset.copied;
    });
  });
});
