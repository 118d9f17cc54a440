// The Korean edition only (book/_ext/editions): interface words that a script
// writes in English whatever the page's language. sphinx-togglebutton gives
// each collapsible box (an exercise's solution) a button labelled "Toggle
// hidden content" for screen readers; this script runs after it.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll('.toggle-button[aria-label="Toggle hidden content"]')) {
    button.setAttribute("aria-label", "숨긴 내용 펼치기/접기");
  }
});
