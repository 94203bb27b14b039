// The site's one script (listed in mkdocs.yml under extra_javascript). Without it every
// feature below falls back to plain HTML: a citation leads to its reference, an abbreviation
// keeps the browser's own title tooltip, a section sign leads to its section.
"use strict";

// Tooltips: hovering or focusing a citation shows its full reference, an abbreviation its
// expansion. Material's content.tooltips and content.footnote.tooltips features do the same,
// but they set up every tooltip as the page loads (199 on the CAR T page), which holds a
// phone's main thread for about 150 ms. Here one set of listeners builds a tooltip when a
// reader reaches for it, with Material's markup and styles (role "dialog" for a reference,
// whose link can be followed; "tooltip" for an abbreviation).
const TOOLTIP_HOSTS = ".md-content a.footnote-ref, .md-content abbr[title]";
let tooltip = null; // {host, node, title, timer}
let tooltipCount = 0;

// A reference as the reference list shows it: its number, then its text (without the
// back-link arrows, which lead away from the reader's place).
function numberedReference(link) {
  const note = document.getElementById(new URL(link.href).hash.slice(1));
  const reference = document.createElement("div");
  reference.className = "citation-reference";
  if (!note) return reference;
  const copy = note.cloneNode(true);
  copy.querySelectorAll(".footnote-backref").forEach((arrow) => arrow.remove());
  const number = document.createElement("strong");
  number.textContent = `${link.textContent}. `;
  (copy.firstElementChild || copy).prepend(number);
  reference.append(...copy.children);
  return reference;
}

function tooltipNode(host) {
  const node = document.createElement("div");
  const inner = document.createElement("div");
  node.className = "md-tooltip2";
  node.id = `__tooltip2_site_${tooltipCount++}`;
  inner.className = "md-tooltip2__inner md-typeset";
  if (host.matches("a.footnote-ref")) {
    node.setAttribute("role", "dialog");
    inner.append(numberedReference(host));
  } else if (host.matches("sup")) {
    // A tap on a citation: every reference of its superscript, each with its number, under
    // a bar with their count and a Close button.
    node.setAttribute("role", "dialog");
    node.setAttribute("aria-labelledby", `${node.id}_title`);
    node.classList.add("citation-dialog");
    const seen = new Set();
    for (const link of host.querySelectorAll("a.footnote-ref")) {
      if (!seen.has(link.href)) inner.append(numberedReference(link));
      seen.add(link.href);
    }
    const count = seen.size > 1 ? `${seen.size} references` : "Reference";
    inner.insertAdjacentHTML("afterbegin", `<div class="citation-dialog__bar"><span id="${node.id}_title">${count}<span></span></span><button type="button">Close</button></div>`);
    inner.querySelector("button").addEventListener("click", closeTooltip);
    inner.tabIndex = -1; // it takes the focus; arrow keys scroll it
  } else {
    node.setAttribute("role", "tooltip");
    inner.textContent = host.title;
  }
  node.append(inner);
  return node;
}

// Where Material puts its tooltips: below an abbreviation; above or below a citation,
// whichever half of the screen has more room.
function placeTooltip({ host, node }) {
  const box = host.getBoundingClientRect();
  const set = (name, px) => node.style.setProperty(name, `${px}px`);
  let y = 16 + box.height;
  if (node.getAttribute("role") === "tooltip") {
    y = 8 + box.height;
    set("--md-tooltip-width", node.firstElementChild.offsetWidth);
    set("--md-tooltip-tail", 0);
  } else if (box.y >= window.innerHeight / 2) {
    y = -16 - node.offsetHeight;
  }
  set("--md-tooltip-host-x", box.x + window.scrollX);
  set("--md-tooltip-host-y", box.y + window.scrollY);
  // A tap's dialog too tall for the room beside its citation moves over it, tailless, to fit
  // the screen below the header; taller than that, it says so.
  let tail = true;
  if (node.matches(".citation-dialog")) {
    const top = (document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0) + 8;
    const at = Math.max(top, Math.min(box.y + y, window.innerHeight - 8 - node.offsetHeight));
    tail = at === box.y + y;
    y = at - box.y;
    const inner = node.firstElementChild;
    inner.querySelector("span span").textContent = inner.scrollHeight > inner.clientHeight ? ", scroll for more" : "";
  }
  set("--md-tooltip-x", box.width / 2);
  set("--md-tooltip-y", y);
  node.classList.toggle("md-tooltip2--top", tail && y < 0);
  node.classList.toggle("md-tooltip2--bottom", tail && y >= 0);
}

function showTooltip(host) {
  if (tooltip && tooltip.host === host) {
    window.clearTimeout(tooltip.timer);
    return;
  }
  hideTooltip();
  const node = tooltipNode(host);
  tooltip = { host, node, title: host.getAttribute("title"), timer: 0 };
  host.removeAttribute("title"); // or the browser shows its own tooltip on top
  document.body.append(node);
  placeTooltip(tooltip);
  if (host.matches("sup")) {
    // (a tapped superscript is not a control; its links keep their own names)
  } else if (node.getAttribute("role") === "dialog") {
    host.setAttribute("aria-controls", node.id);
    host.setAttribute("aria-haspopup", "dialog");
  } else {
    host.setAttribute("aria-describedby", node.id);
  }
  // A frame later, so that the theme's fade-in runs (unless it has been closed meanwhile).
  window.requestAnimationFrame(() => tooltip && tooltip.node === node && node.classList.add("md-tooltip2--active"));
}

function hideTooltip() {
  if (!tooltip) return;
  const { host, node, title, timer } = tooltip;
  tooltip = null;
  window.clearTimeout(timer);
  if (title !== null) host.setAttribute("title", title);
  for (const name of ["aria-controls", "aria-describedby", "aria-haspopup"]) host.removeAttribute(name);
  node.classList.remove("md-tooltip2--active");
  window.setTimeout(() => node.remove(), 250); // the theme's fade-out
}

// After the pointer or the focus leaves: close unless the reader is still on the host or in
// the reference (which has a link to follow), with the theme's grace time for a reference.
function settleTooltip() {
  if (!tooltip) return;
  const current = tooltip;
  window.clearTimeout(current.timer);
  const delay = current.node.getAttribute("role") === "dialog" ? 250 : 0;
  current.timer = window.setTimeout(() => {
    const { host, node } = current;
    const held = host.matches(":hover") || node.matches(":hover") || host.contains(document.activeElement);
    if (tooltip === current && !held) hideTooltip();
  }, delay);
}

function tooltipHost(target) {
  if (!(target instanceof Element)) return null;
  if (tooltip && (tooltip.host.contains(target) || tooltip.node.contains(target))) return tooltip.host;
  return target.closest(TOOLTIP_HOSTS);
}

for (const type of ["mouseover", "focusin"]) {
  document.addEventListener(type, (event) => {
    const host = tooltipHost(event.target);
    if (host && !(touching() && host.matches("a.footnote-ref"))) showTooltip(host);
  });
}
for (const type of ["mouseout", "focusout"]) {
  document.addEventListener(type, (event) => {
    if (tooltip && tooltip.host.matches("sup")) return; // a tapped citation stays until a tap elsewhere
    if (tooltip && tooltipHost(event.target) && tooltipHost(event.relatedTarget) !== tooltip.host) settleTooltip();
  });
}
window.addEventListener("resize", () => tooltip && placeTooltip(tooltip));

// On touch screens. A fingertip is wider than a citation number (in "1,3,4" each is under
// 6 px wide), so a tap anywhere on a citation's superscript, or just beside it (site.css
// widens its target), opens one dialog listing every reference of that superscript, each with
// its number: whichever number the reader meant is there, and a near miss shows at once. The
// tap does not follow the link to the reference list, so the reader keeps their place.
// Tapping elsewhere closes the dialog; so do Escape and its Close button.
const TOUCH = new Set(["touch", "pen"]);
let lastPointer = "";
document.addEventListener("pointerdown", (event) => (lastPointer = event.pointerType), true);
const touching = () => TOUCH.has(lastPointer);

document.addEventListener("click", (event) => {
  if (!TOUCH.has(event.pointerType) || !(event.target instanceof Element)) return;
  if (tooltip && tooltip.node.contains(event.target)) return; // a link in the reference
  const citation = event.target.closest(".md-content sup");
  if (citation && citation.querySelector("a.footnote-ref")) {
    event.preventDefault();
    showTooltip(citation);
    tooltip.back = event.target.closest("a.footnote-ref") || citation.querySelector("a.footnote-ref");
    tooltip.node.firstElementChild.focus({ preventScroll: true });
  } else if (tooltip && tooltip.host.matches("sup")) {
    hideTooltip();
  }
});
function closeTooltip() {
  const back = tooltip && tooltip.back; // the number tapped, which gets the focus back
  hideTooltip();
  if (back) back.focus();
}
document.addEventListener("keydown", (event) => event.key === "Escape" && closeTooltip());

let followed = null; // the arrow pointed at the citation last followed
// A way back to the reader's place: following a citation points its reference's back-link (one
// per reference, to the first citation as written) at that citation; taking it, the citation
// gets the focus back, as with the browser's Back button.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest(".md-content a.footnote-ref");
  if (!link || event.defaultPrevented) return;
  const note = document.getElementById(link.getAttribute("href").slice(1));
  const arrow = note && note.querySelector(".footnote-backref");
  if (arrow) arrow.setAttribute("href", `#${link.id || link.parentElement.id}`); // a group's link, a lone citation's <sup>
  followed = arrow;
});
// A reader who came to the reference list by scrolling (on a phone a citation opens its
// references in place) is taken back by the arrow to where they last stopped to read, above
// the list, not to the reference's first citation.
let readingAt = null;
let resting = 0;
const referenceList = document.querySelector(".md-content .footnote");
const reading = () => referenceList && referenceList.getBoundingClientRect().top > window.innerHeight;
window.addEventListener("scroll", () => {
  if (readingAt === null && reading()) readingAt = window.scrollY; // where a first fling began
  window.clearTimeout(resting);
  resting = window.setTimeout(() => reading() && (readingAt = window.scrollY), 1000);
}, { passive: true });
document.addEventListener("click", (event) => {
  const arrow = event.target instanceof Element && event.target.closest(".md-content .footnote-backref");
  if (!arrow || arrow === followed || readingAt === null) return;
  event.preventDefault();
  window.scrollTo(0, readingAt);
});
window.addEventListener("hashchange", () => {
  const target = document.querySelector(".md-content :target");
  const citation = target?.closest("a.footnote-ref") || target?.closest("sup")?.querySelector("a.footnote-ref");
  citation?.focus({ preventScroll: true });
  if (tooltip?.host === citation) hideTooltip(); // the reader has just read it
});

// A link to every section. Each h2/h3 carries the Markdown toc extension's permalink (the
// section sign), as does each self-check question (hooks/sharing/section_links.py). Make it name its
// section for screen readers, and on activation copy the section's full address, say "Link
// copied", and offer the system share sheet where the browser has one.
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

for (const link of document.querySelectorAll(".md-content :is(h2, h3, .self-check) > a.headerlink")) {
  const heading = link.parentElement; // or a question's block
  const question = heading.querySelector(":scope > details > summary");
  const title = (question || heading).textContent.replace(link.textContent, "").trim();
  link.setAttribute("aria-label", `Copy link to ${question ? "question" : "section"}: ${title}`);
  // No title: "Link to this section" would pop up over the text and undersell what it does.
  link.removeAttribute("title");
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    history.replaceState(null, "", `#${heading.id}`);
    // A listed section's or question's ¶ links to its share address, whose preview shows it
    // (hooks/sharing/link_previews.py); any other's to page#id.
    const url = link.href;
    announce((await copy(url)) ? "Link copied" : "Copy the link from the address bar");
    if (typeof navigator.share === "function") {
      navigator.share({ title: `${title} - ${document.title}`, url }).catch(() => {});
    }
  });
}

// "Cite this page": the copy buttons are hidden until this script can make them work. A copy
// says when the page was accessed: today, as AMA writes a date, and as BibTeX's urldate.
function accessedToday(text) {
  const now = new Date();
  const written = now.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  const iso = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return text.replace("urldate = {[date]}", `urldate = {${iso}}`).replace("Accessed [date]", `Accessed ${written}`);
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.querySelector(button.dataset.copy);
  if (!source) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    announce((await copy(accessedToday(source.textContent))) ? "Copied" : "Select the text to copy it");
  });
}

// Offline reading: once the page has loaded, register the service worker that hooks/output/offline.py
// writes beside the manifest at the site's root. Only built sites link the manifest, so
// `mkdocs serve` registers nothing.
const manifest = document.querySelector('link[rel="manifest"]');
if (manifest && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", manifest.href)).catch(() => {});
  });
}
