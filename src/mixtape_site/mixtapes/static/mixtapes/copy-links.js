// "Copy link" buttons next to share links: shown only where the Clipboard API exists.
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.target);
      navigator.clipboard.writeText(field.value).then(function () {
        button.parentElement.querySelector(".copy-status").textContent = button.dataset.copied;
      });
    });
  });
});
