// Progressive enhancement: a "Copy citation" button where the Clipboard API exists.
// Without JavaScript the citation is still there to select and copy by hand.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentElement.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) status.textContent = "Citation copied.";
      });
    });
  });
})();
