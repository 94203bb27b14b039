// The site's one script (listed in mkdocs.yml under extra_javascript). Without it every
// feature below falls back to a plain link: a citation leads to its reference, a section
// sign leads to its section.
"use strict";

// Citations on touch screens. Material shows the reference in a tooltip when a citation is
// hovered or focused; a tap also follows the link to the reference list at the bottom of the
// page, and the reader loses their place. On touch, keep the tooltip and skip the jump.
// Tapping elsewhere closes the tooltip (the citation loses focus); so does Escape.
document.addEventListener("click", (event) => {
  const citation = event.target instanceof Element && event.target.closest("a.footnote-ref");
  if (citation && (event.pointerType === "touch" || event.pointerType === "pen")) {
    event.preventDefault();
    citation.focus();
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  // Material keeps the tooltip while the citation is focused or hovered, and a tap counts as
  // a hover until the next tap: end both.
  for (const citation of document.querySelectorAll("a.footnote-ref:is(:focus, :hover)")) {
    citation.dispatchEvent(new MouseEvent("mouseleave"));
    citation.blur();
  }
});

// A link to every section. Each h2/h3 carries the Markdown toc extension's permalink (the
// section sign). Make it name its section for screen readers, and on activation copy the
// section's full address, say "Link copied", and offer the system share sheet where the
// browser has one.
const status = document.createElement("div");
status.className = "section-link-status";
status.setAttribute("role", "status");
document.body.append(status);
let statusTimer = 0;

function announce(message) {
  status.textContent = message;
  status.classList.add("section-link-status--visible");
  window.clearTimeout(statusTimer);
  statusTimer = window.setTimeout(() => {
    status.classList.remove("section-link-status--visible");
  }, 2500);
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

for (const link of document.querySelectorAll(".md-content :is(h2, h3) > a.headerlink")) {
  const heading = link.parentElement;
  const title = heading.textContent.replace(link.textContent, "").trim();
  link.setAttribute("aria-label", `Copy link to section: ${title}`);
  // No title: Material would turn it into a tooltip that, after a tap, covers the text below.
  link.removeAttribute("title");
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const url = new URL(`#${heading.id}`, window.location.href).href;
    history.replaceState(null, "", url);
    announce((await copy(url)) ? "Link copied" : "Copy the link from the address bar");
    if (typeof navigator.share === "function") {
      navigator.share({ title: `${title} - ${document.title}`, url }).catch(() => {});
    }
  });
}

// "Cite this page": the copy buttons are hidden until this script can make them work.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.querySelector(button.dataset.copy);
  if (!source) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    announce((await copy(source.textContent)) ? "Copied" : "Select the text to copy it");
  });
}
