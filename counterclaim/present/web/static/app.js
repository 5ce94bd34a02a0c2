// counterclaim: the little behaviour the pages need. No inline scripts anywhere (see the CSP).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filter menus apply as soon as they change.
  for (const control of document.querySelectorAll(".autosubmit")) {
    control.addEventListener("change", () => control.form && control.form.requestSubmit());
  }
  // Empty filter fields stay out of the address, so links stay short and shareable.
  for (const form of document.querySelectorAll("form.filters, form.search, form.inline-filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.elements) {
        if (field.name && field.value === "" && field.type !== "radio") field.disabled = true;
        if (field.name === "state" && field.value === "any") field.disabled = true;
      }
    });
  }
  // A statement linked from a story: scroll it to the middle of the screen.
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.classList.contains("hl-statement")) {
    target.scrollIntoView({ block: "center" });
  }
});
