/* Search for the book (Sphinx's html_search_scorer, loaded after searchtools.js).
 *
 * Sphinx scores a page's title only when the query is at least half of it,
 * so "Jacobian" finds "The Jacobian matrix" through its full text and ranks
 * it below index entries and API objects. Here a page whose title holds every
 * word of the query (each word as the start of a title word, so "jacobian"
 * also matches "Jacobians") comes first, shorter titles before longer ones.
 * Everything else keeps Sphinx's score.
 */
var Scorer = typeof Scorer !== "undefined" ? Scorer : {
  // Sphinx's defaults, in case this file is ever loaded before searchtools.js.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

Scorer.pageTitleBoost = 200;

Scorer.score = (result) => {
  const [_docname, title, anchor, descr, score] = result;
  // Only whole pages: objects carry a description, sections an anchor.
  if (descr !== null || anchor !== "" || !title) return score;
  const query = new URLSearchParams(window.location.search).get("q") || "";
  const isStopword = (word) =>
    typeof stopwords === "undefined"
      ? false
      : stopwords.has ? stopwords.has(word) : stopwords.includes(word);
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => !word.startsWith("-")) // "-word" excludes a word
    .join(" ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !isStopword(word));
  if (!words.length) return score;
  const titleWords = title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const matches = words.every((word) =>
    titleWords.some((titleWord) => titleWord.startsWith(word)),
  );
  if (!matches) return score;
  return score + Scorer.pageTitleBoost + Math.round((50 * query.length) / title.length);
};

/* The snippet under each result is cut from the page's main element, which in
 * sphinx-book-theme also holds the header buttons (".ipynb .pdf") and a
 * print-only table of contents: leave those out. */
if (typeof Search !== "undefined" && Search.htmlToText) {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page
      .querySelectorAll(".bd-header-article, #jb-print-docs-body, .onlyprint")
      .forEach((element) => element.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
}
