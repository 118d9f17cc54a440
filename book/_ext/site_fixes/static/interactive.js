/* Draw the page's interactive figures with the site's own plotly.js (loaded
 * before this file, on these pages only), and recolour them when the reader
 * switches between light and dark mode. Each figure is a div.cv-interactive
 * holding its static picture, followed by its JSON in a script element
 * (see site_fixes/interactive.py). */
"use strict";

const CV_THEMES = {
  light: { text: "#222222", grid: "#dddddd", line: "#888888", scene: "#f4f4f4", ink: null },
  dark: { text: "#e0e0e0", grid: "#4a4a4a", line: "#9a9a9a", scene: "#1f2326", ink: "#e0e0e0" },
};
/* Black marks (a target star, a start circle, labels) would vanish on the
 * dark page: in dark mode they are drawn in the text colour instead. */
const CV_BLACK = new Set(["#000", "#000000", "black", "#222", "#222222"]);

function cvTheme() {
  return document.documentElement.dataset.theme === "dark" ? CV_THEMES.dark : CV_THEMES.light;
}

/* The layout changes that recolour one figure: its text, and the grid and
 * axis lines of every 2-D axis and 3-D scene it has. */
function cvThemeUpdate(layout, theme) {
  const update = { "font.color": theme.text };
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) {
      update[`${key}.gridcolor`] = theme.grid;
      update[`${key}.linecolor`] = theme.line;
      update[`${key}.zerolinecolor`] = theme.line;
    } else if (/^scene\d*$/.test(key)) {
      for (const axis of ["xaxis", "yaxis", "zaxis"]) {
        update[`${key}.${axis}.gridcolor`] = theme.grid;
        update[`${key}.${axis}.linecolor`] = theme.line;
        update[`${key}.${axis}.zerolinecolor`] = theme.line;
        update[`${key}.${axis}.backgroundcolor`] = theme.scene;
        update[`${key}.${axis}.showbackground`] = true;
      }
    }
  }
  for (const [index, slider] of (layout.sliders || []).entries()) {
    update[`sliders[${index}].font.color`] = theme.text;
    update[`sliders[${index}].currentvalue.font.color`] = theme.text;
  }
  for (const [index] of (layout.updatemenus || []).entries()) {
    // Light buttons with dark text in both modes: plotly.js paints the active
    // button a fixed light blue, which light text would not show on.
    update[`updatemenus[${index}].font.color`] = "#222222";
    update[`updatemenus[${index}].bgcolor`] = "#f4f4f4";
    update[`updatemenus[${index}].bordercolor`] = "#bbbbbb";
  }
  return update;
}

function cvApply(layout, update) {
  // Plotly's dotted keys, set on a plain layout object before the first draw.
  for (const [path, value] of Object.entries(update)) {
    const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let node = layout;
    for (const part of parts.slice(0, -1)) {
      if (node[part] === undefined) node[part] = {};
      node = node[part];
    }
    node[parts[parts.length - 1]] = value;
  }
  return layout;
}

const cvFigures = [];

function cvDraw(div) {
  const source = document.querySelector(`script.cv-interactive-data[data-for="${div.id}"]`);
  if (!source || div.dataset.cvDrawn) return;
  div.dataset.cvDrawn = "1";
  const figure = JSON.parse(source.textContent);
  const layout = cvApply(figure.layout || {}, cvThemeUpdate(figure.layout || {}, cvTheme()));
  const plot = document.createElement("div");
  plot.className = "cv-interactive-plot";
  div.appendChild(plot);
  Plotly.newPlot(plot, { data: figure.data, layout, frames: figure.frames || [], config: figure.config || {} })
    .then(() => {
      // Make the slider's starting frame the current one: plotly.js records
      // a current frame only after an animation, so Play ("from the current
      // frame") would otherwise start from the first frame, not from here.
      const slider = (figure.layout.sliders || [])[0];
      const step = slider && slider.steps && slider.steps[slider.active || 0];
      const start = step && step.method === "animate" && step.args && step.args[0];
      if (figure.frames && figure.frames.length && Array.isArray(start)) {
        return Plotly.animate(plot, start, {
          mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 },
        });
      }
      return null;
    })
    .then(() => {
      const black = cvBlackTraces(figure.data);
      if (cvTheme().ink) cvInk(plot, black, cvTheme());
      div.classList.add("cv-interactive-ready");
      // The static picture (and its link) gave the figure's place until now.
      const output = div.closest(".cell_output") || div.parentElement;
      output.querySelectorAll(".cv-interactive-static").forEach((e) => { e.hidden = true; });
      cvFigures.push({ plot, layout: figure.layout || {}, black });
    })
    .catch((error) => console.error(`figure ${div.id}:`, error));
}

/* The traces drawn in black, by attribute: {"marker.color": [indices], ...}. */
function cvBlackTraces(data) {
  const found = {};
  for (const [index, trace] of data.entries()) {
    for (const [path, value] of [["marker.color", trace.marker && trace.marker.color],
                                 ["line.color", trace.line && trace.line.color],
                                 ["textfont.color", trace.textfont && trace.textfont.color]]) {
      if (typeof value === "string" && CV_BLACK.has(value.toLowerCase())) {
        (found[path] = found[path] || []).push(index);
      }
    }
  }
  return found;
}

function cvInk(plot, black, theme) {
  for (const [path, indices] of Object.entries(black)) {
    Plotly.restyle(plot, { [path]: theme.ink || "#000000" }, indices);
  }
}

function cvRecolour() {
  const theme = cvTheme();
  for (const { plot, layout, black } of cvFigures) {
    Plotly.relayout(plot, cvThemeUpdate(layout, theme));
    cvInk(plot, black, theme);
  }
}

if (window.Plotly) {
  document.querySelectorAll("div.cv-interactive").forEach(cvDraw);
  new MutationObserver(cvRecolour).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });
}
