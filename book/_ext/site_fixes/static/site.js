/* The book's own behaviour on top of sphinx-book-theme (see site.css). */
"use strict";

/* Boxes that scroll sideways (wide display equations, code, tables) show
 * which side has more, and where the view is: site.css fades that edge and
 * draws a position bar. A phone hides scrollbars until one scrolls, so
 * without this a cut-off equation looks complete. */
const VC_SCROLLING = [
  'mjx-container[display="true"]',
  "div.highlight pre",
  ".cell_output pre",
  ".pst-scrollable-table-container",
].join(",");

function vcWatchScrolling(box) {
  if (box.dataset.vcWatched) return;
  box.dataset.vcWatched = "1";
  const update = () => {
    const hidden = box.scrollWidth - box.clientWidth;
    box.classList.toggle("vc-scrollable", hidden > 1);
    box.classList.toggle("vc-more-left", hidden > 1 && box.scrollLeft > 1);
    box.classList.toggle("vc-more-right", hidden > 1 && box.scrollLeft < hidden - 1);
    if (hidden > 1) {
      box.style.setProperty("--vc-thumb-size", `${(100 * box.clientWidth) / box.scrollWidth}%`);
      box.style.setProperty("--vc-thumb-place", `${(100 * box.scrollLeft) / hidden}%`);
    }
  };
  box.addEventListener("scroll", update, { passive: true });
  new ResizeObserver(update).observe(box);
  update();
}

function vcWatchAllScrolling() {
  document.querySelectorAll(VC_SCROLLING).forEach(vcWatchScrolling);
}

/* The theme's download links open the file in a new tab, which shows a
 * notebook as raw JSON: make them downloads. */
function vcDownloadLinks() {
  document
    .querySelectorAll(
      "a.btn-download-source-button, a.btn-download-notebook-button, " +
        "a.btn-download-archive-button, a.notebooks-archive",
    )
    .forEach((link) => {
      link.setAttribute("download", "");
      link.removeAttribute("target");
    });
}

/* A touch screen has no hover: there the theme's tooltips appear on a tap,
 * or when focus returns to the menu button as the menu closes, and stay
 * over the page. Without the attribute, bootstrap.js (deferred, after this
 * file) creates none; the buttons keep their labels for screen readers. */
if (window.matchMedia("(hover: none)").matches) {
  document
    .querySelectorAll('[data-bs-toggle="tooltip"]')
    .forEach((element) => element.removeAttribute("data-bs-toggle"));
}

/* Opened from files (file://), the browser refuses the requests that fetch
 * a page's text for the snippets under each search result; skip them
 * rather than fill the console with errors. */
// (documentation_options.js declares it with const: not a property of window.)
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

document.addEventListener("DOMContentLoaded", () => {
  vcDownloadLinks();
  vcWatchAllScrolling();
});

/* Display math exists only once MathJax has typeset the page. */
window.addEventListener("load", () => {
  const typeset = window.MathJax && MathJax.startup && MathJax.startup.promise;
  (typeset || Promise.resolve()).then(vcWatchAllScrolling);
});
