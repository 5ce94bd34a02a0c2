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
  // "Wrong link": mark it wrong through the JSON API and hide it in place (the form
  // still works without this script: it posts and comes back to the page).
  for (const form of document.querySelectorAll("form.reject-link")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      if (button) button.disabled = true;
      const api = form.getAttribute("action").replace(/^\/links\//, "/api/links/");
      const response = await fetch(api, { method: "POST", credentials: "same-origin" });
      if (!response.ok) {
        if (button) button.disabled = false;
        const body = await response.json().catch(() => ({}));
        form.append(` ${(body.error && body.error.message) || response.statusText}`);
        return;
      }
      const id = api.split("/")[3];
      for (const reply of document.querySelectorAll(`[data-link="${CSS.escape(id)}"]`)) {
        reply.hidden = true;
        const note = document.createElement("p");
        note.className = "muted marked-wrong";
        note.textContent = "Link marked wrong: hidden, here and after re-analysis.";
        reply.after(note);
      }
    });
  }
});
