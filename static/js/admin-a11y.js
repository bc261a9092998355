// Accessible names for the admin's script-built widgets, which their libraries leave unnamed.
//
// - The rich-text editor (django-prose-editor) replaces its textarea with a contenteditable box: it is
//   named by the field's <label>, which points at the hidden textarea.
// - Django's autocomplete (Select2) shows a combobox named only by its current value (nothing, on an
//   add form) and a "textbox" that is not one: the combobox is named by the field's label (or, in an
//   inline row, by the select's aria-label) followed by the value; the false textbox role goes.
// - Django's filter_horizontal (SelectFilter2) puts an aria-label on a role-less <span>, where ARIA
//   forbids it: it becomes role="img", so the label it sits in reads as Django meant.
//
// The widgets are built after load, and again when an inline row is added, so this runs whenever
// elements are added to the page. Every step is idempotent and only adds names.
(function () {
  "use strict";
  var count = 0;

  function idOf(element, prefix) {
    if (!element.id) element.id = prefix + "-" + ++count;
    return element.id;
  }

  function labelOf(control) {
    if (!control.id) return null;
    return document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
  }

  function nameOf(control) {
    var label = labelOf(control);
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    return control.getAttribute("aria-label") || "";
  }

  function richText() {
    document.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var textarea = wrapper.querySelector("textarea");
      var box = wrapper.querySelector("[contenteditable]");
      if (!textarea || !box || box.hasAttribute("aria-labelledby") || box.hasAttribute("aria-label")) return;
      var label = labelOf(textarea);
      if (label) box.setAttribute("aria-labelledby", idOf(label, "a11y-label"));
      else if (textarea.getAttribute("aria-label")) box.setAttribute("aria-label", textarea.getAttribute("aria-label"));
    });
  }

  function autocomplete() {
    document.querySelectorAll("select.admin-autocomplete, select.select2-hidden-accessible").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2") || container.dataset.a11yNamed) return;
      var name = nameOf(select);
      if (!name) return;
      container.dataset.a11yNamed = "true";
      var selection = container.querySelector(".select2-selection");
      var rendered = container.querySelector(".select2-selection__rendered");
      if (rendered && rendered.getAttribute("role") === "textbox") {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      }
      if (selection) {
        // The combobox reads as "<field>, <value>": its own aria-label, then the rendered value.
        selection.setAttribute("aria-label", name);
        var ids = [idOf(selection, "a11y-select")];
        if (rendered && rendered.id && !select.multiple) ids.push(rendered.id);
        selection.setAttribute("aria-labelledby", ids.join(" "));
      }
      container.querySelectorAll(".select2-search__field").forEach(function (input) {
        input.setAttribute("aria-label", name);
      });
    });
    // The search box of an open dropdown (appended to <body>, apart from its select).
    document.querySelectorAll(".select2-dropdown .select2-search__field:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", "Search");
    });
  }

  function filterIcons() {
    document.querySelectorAll("span.search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameAll() {
    richText();
    autocomplete();
    filterIcons();
  }

  nameAll();
  new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
  window.addEventListener("load", nameAll);
})();
