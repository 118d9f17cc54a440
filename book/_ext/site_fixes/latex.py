"""The PDF edition: fixes to what Sphinx and its extensions emit for LaTeX.

``make pdf`` runs the LaTeX builder (xelatex, through sphinx-jupyterbook-latex)
over the notebooks the HTML build executed. Each fix below answers one
problem that a plain ``jupyter-book build --builder pdflatex`` of this book
had (issue 22); everything here acts only on the LaTeX builder.

* ``bbm.sty``: sphinx-jupyterbook-latex's ``jupyterBook.cls`` requires it,
  and Debian ships it only in texlive-fonts-extra (1.4 GB). The book never
  writes ``\\mathbbm``; the class's shorthands (``\\RR``...) get ``\\mathbb``.
* Korean: the glossary gives every term's Korean name, and the text fonts
  (GNU FreeFont) have no Hangul, so xelatex printed nothing (a "Missing
  character" per syllable). Every run of Hangul is set in NanumMyeongjo
  (Debian's fonts-nanum), and stays text in the PDF (searchable, copyable).
* ``{numref}`` to an exercise printed "Exercise ??": sphinx-exercise labels
  an exercise ``exercise:<label>`` in LaTeX and rewrites only ``{ref}``-style
  references to it, not ``{numref}`` ones, which point at ``<doc>:<label>``.
* sphinx-proof numbers a theorem in LaTeX by finding its page's section
  through the page title, compared with the section's *names*; names keep
  the source's ``'`` while the title has SmartQuotes' ``’``, so on
  "Newton’s method" every theorem lost its number and label.
* The bibliography: Sphinx gathers every citation at the very end of the
  document, after an empty "Bibliography" chapter, and labels the list
  ``[Bus04]`` while the text cites "[Buss, 2004]". The list goes back into
  its chapter (``sphinxthebibliography`` makes no second heading) and each
  entry is labelled as the text cites it.
* Chapters and reference pages: the HTML numbers the chapters and not the
  reference pages (notation, glossary, API, bibliography); the PDF does the
  same, and keeps the HTML's per-chapter numbers of theorems and exercises
  (see ``jblatex_captions_to_parts`` in ``_config.yml``).
* Code that fits the page: code and outputs in a smaller type, so that
  lines of up to about 100 characters fit the text width; longer ones wrap
  at a space with a discreet marker instead of running into the margin.
* sphinx-proof names a theorem's kind in the reader's language on the site
  but not in LaTeX ("Theorem 1.1" in the Korean PDF, "정리 1.1" on the
  Korean site): its LaTeX writer is given the same translation (a no-op in
  English).

The Korean PDF (``make ko-pdf``, the project ``i18n/generate.py`` writes,
``language: ko``) has Hangul everywhere, also in what Sphinx writes itself
(the title page, "이전 페이지에서 계속", the index), so there the marking
of Hangul runs above gives way to a font switch by character class (XeTeX's
``\XeTeXinterchartoks``, the mechanism of ucharclasses, which
sphinx-jupyterbook-latex already loads; xeCJK is not in Debian's basic TeX
packages): every run of Hangul is set in NanumMyeongjo, in NanumGothic in
headings and other sans-serif text, in NanumGothicCoding in code. A line may
break between Hangul syllables (``\XeTeXlinebreaklocale "ko"``), at a cost,
so that spaces are preferred. The chapters read "제 1 장" and the contents
"차례". The document language stays English for LaTeX: Sphinx knows no
Korean name for babel or polyglossia (it warns, which ``-W`` would make an
error, and falls back to English), and polyglossia's Korean would turn off
hyphenation for the pages still in English.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

HERE = Path(__file__).resolve().parent

# The stand-in for bbm.sty, written next to book.tex.
BBM_STY = r"""\NeedsTeXFormat{LaTeX2e}
\ProvidesPackage{bbm}[2026/12/07 stand-in: mathbbm as mathbb (site_fixes/latex.py)]
\RequirePackage{amssymb}
\providecommand{\mathbbm}[1]{\mathbb{#1}}
"""

# Hangul syllables, Jamo and compatibility Jamo.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
CITE_LINK = re.compile(r"\\hyperlink\{cite\.(.+)\}\{$")
TEXTUAL_CITE = re.compile(r"^(.+?) \[(.+)\]$")
HANGUL_RUN = re.compile(f"[{HANGUL}]+(?:[ ]+[{HANGUL}]+)*")

PREAMBLE = r"""
% --- site_fixes/latex.py -------------------------------------------------
% Hangul in NanumMyeongjo (fonts-nanum): the text fonts have none.
\newfontfamily\hangulfont{NanumMyeongjo}
\newcommand{\hangul}[1]{{\hangulfont #1}}
% Code in DejaVu Sans Mono (fonts-dejavu-core) rather than FreeMono, whose
% thin strokes print faintly at code size; it covers the outputs' symbols.
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
% Code cells and their outputs in a smaller type, so that a line of about
% 100 characters fits the text width; a longer one wraps (at a space or
% after punctuation where it can), its continuation marked by a small grey
% arrow, and the break by nothing (Sphinx marks both in red).
\fvset{fontsize=\footnotesize}
\sphinxsetup{verbatimvisiblespace={},
  verbatimcontinued={\makebox[2\fontcharwd\font`\x][r]{\textcolor{gray}{\tiny$\hookrightarrow$}}}}
% A display wider than the line is scaled down to fit (cvfitmath, from
% _visit_math_block): it ran into the margin and lost its end (the torus's
% area, 4 pi^2 R r, on the parametric page).
\newsavebox{\cvmathbox}
\newcommand{\cvfitmath}[1]{%
  \sbox{\cvmathbox}{$\displaystyle\begin{aligned}#1\end{aligned}$}%
  \ifdim\wd\cvmathbox>\linewidth\resizebox{\linewidth}{!}{\usebox{\cvmathbox}}%
  \else\usebox{\cvmathbox}\fi}
% Tables: tabulary sizes columns by their text, so a column of short
% formulas beside one of long prose was squeezed to a word ("sym-bol" on
% the notation page). No column with more than that is set narrower than
% this (Sphinx: 3 digits); narrower natural content keeps its width.
\setlength{\tymin}{0.14\textwidth}
% The bibliography sits in its own chapter, whose heading the page gives:
% the list adds no second heading, and its entries hang, each led by the
% label the text cites it by ("[Buss, 2004]").
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\list{}{\setlength{\leftmargin}{2em}\setlength{\itemindent}{-2em}%
           \setlength{\labelwidth}{0pt}\setlength{\labelsep}{0pt}%
           \setlength{\itemsep}{0.3\baselineskip}}%
   \def\@biblabel##1{[##1]\enspace}%
   \sloppy\clubpenalty4000\widowpenalty4000\sfcode`\.\@m}
  {\endlist}
\makeatother
% ------------------------------------------------------------------------
"""


# The Korean edition's preamble (language: ko), after PREAMBLE.
KOREAN_PREAMBLE = r"""
% --- site_fixes/latex.py: the Korean edition ------------------------------
% Hangul by character class: entering a run of Hangul opens a group with the
% Korean font matching the current family (NanumGothic in headings and sans
% text, NanumGothicCoding in code, NanumMyeongjo otherwise); leaving it, at
% any other character or at anything that is not a character (a space, a
% brace, a command), closes the group. Nothing in the text is marked up, so
% titles, bookmarks and Sphinx's own strings work unchanged.
\makeatletter
\newfontfamily\cvhangulserif{NanumMyeongjo}[BoldFont=NanumMyeongjoBold,
  ItalicFont=NanumMyeongjo,BoldItalicFont=NanumMyeongjoBold]
\newfontfamily\cvhangulsans{NanumGothic}[BoldFont=NanumGothicBold,
  ItalicFont=NanumGothic,BoldItalicFont=NanumGothicBold]
\newfontfamily\cvhangulmono{NanumGothicCoding}[BoldFont=NanumGothicCoding-Bold,
  ItalicFont=NanumGothicCoding,BoldItalicFont=NanumGothicCoding-Bold]
\def\cvhangulselect{\edef\cv@family{\f@family}%
  \ifx\cv@family\sfdefault\cvhangulsans
  \else\ifx\cv@family\ttdefault\cvhangulmono\else\cvhangulserif\fi\fi}
\newXeTeXintercharclass\cvhangulclass
\def\cv@hangulrange#1#2{\count@=#1\relax
  \loop\XeTeXcharclass\count@=\cvhangulclass
  \ifnum\count@<#2\advance\count@\@ne\repeat}
% Jamo, compatibility Jamo, syllables.
\cv@hangulrange{"1100}{"11FF}\cv@hangulrange{"3130}{"318F}\cv@hangulrange{"AC00}{"D7A3}
\count@=\z@
\loop
  \ifnum\count@=\cvhangulclass\else
    \XeTeXinterchartoks\count@\cvhangulclass={\begingroup\cvhangulselect}%
    \XeTeXinterchartoks\cvhangulclass\count@={\endgroup}%
  \fi
\ifnum\count@<\xe@alloc@intercharclass\advance\count@\@ne\repeat
\XeTeXinterchartoks 4095 \cvhangulclass={\begingroup\cvhangulselect}
\XeTeXinterchartoks \cvhangulclass 4095 ={\endgroup}
\XeTeXinterchartokenstate=\@ne
% Korean line breaking: between syllables too, at a small cost.
\XeTeXlinebreaklocale "ko"
\XeTeXlinebreakskip=0pt plus 0.5pt
\XeTeXlinebreakpenalty=50
% "제 1 장" over each chapter's title (fncychap's Sonny, Sphinx's choice for
% a language other than English) and in the footers (Sphinx's page style
% puts \@chappos after the number, as for Japanese), and the contents as "차례".
\def\@chappos{장}
\renewcommand{\DOCH}{\raggedleft
  \CNV\FmN{\@chapapp}\space\CNoV\thechapter\space\CNV\FmN{\@chappos}\par\nobreak\vskip 40\p@}
\makeatother
\addto\captionsenglish{\renewcommand{\chaptername}{제}\renewcommand{\contentsname}{차례}}
% ------------------------------------------------------------------------
"""


def _visit_math_block(self: Any, node: nodes.math_block) -> None:
    """Sphinx's display math, with a one-part display that may shrink to the line.

    Sphinx writes ``\\begin{equation*}\\begin{split}...``; a ``split`` cannot
    be measured, an ``aligned`` in a box can (the same alignment). Displays
    of several parts (``align``) and ``nowrap`` ones stay as Sphinx writes them.
    """
    from sphinx.writers.latex import LaTeXTranslator

    text = node.astext()
    label = f"equation:{node['docname']}:{node['label']}" if node.get("label") else None
    parts = [part for part in text.split("\n\n") if part.strip()]
    if node.get("nowrap") or len(parts) != 1:
        # (self.visit_math_block is this function, set on the translator)
        LaTeXTranslator.visit_math_block(self, node)  # raises SkipNode
    numbered = label is not None or self.config.math_number_all
    environment = "equation" if numbered else "equation*"
    labeldef = rf"\label{{{label}}}" if label else ""
    self.body.append(rf"\begin{{{environment}}}{labeldef}\cvfitmath{{{parts[0]}}}"
                     rf"\end{{{environment}}}" + "\n")
    raise nodes.SkipNode


def _is_latex(app: Any) -> bool:
    return getattr(app.builder, "format", "") == "latex"


def _configure(app: Any, config: Any) -> None:
    # Appended to the preamble the project sets, so that it comes after
    # sphinx-jupyterbook-latex's (fontspec and unicode-math are loaded by then).
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + PREAMBLE
    if config.language == "ko":
        elements["preamble"] += KOREAN_PREAMBLE
        _quiet_unknown_babel_language()
    config.latex_elements = elements


class _UnknownBabelLanguage(logging.Filter):
    """Drop Sphinx's "no Babel option known for language 'ko'" (see the module's text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("no Babel option known for language")


def _quiet_unknown_babel_language() -> None:
    # Sphinx logs it from the LaTeX builder and writer, under "sphinx." + module.
    for name in ("sphinx.sphinx.builders.latex", "sphinx.sphinx.writers.latex"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _UnknownBabelLanguage) for f in logger.filters):
            logger.addFilter(_UnknownBabelLanguage())


def _translate_proof_kinds(app: Any) -> None:
    """sphinx-proof's LaTeX writer, naming the kind as its HTML writer does (translated)."""
    if not _is_latex(app):
        return
    try:
        from sphinx_proof import nodes as proof_nodes
    except ImportError:
        return
    from sphinx.locale import get_translation
    translate = get_translation("proof")

    def depart(original: Any) -> Any:
        def translated(self: Any, node: nodes.Element) -> None:
            # Where the original inserts "Theorem 1.1" (the admonition's title).
            index = proof_nodes.list_rindex(self.body, proof_nodes.latex_admonition_start) + 2
            original(self, node)
            english = node.get("realtype", "").title()
            if english and index < len(self.body) and self.body[index].startswith(english):
                self.body[index] = translate(english) + self.body[index][len(english):]
        return translated

    app.add_node(proof_nodes.unenumerable_node, override=True,
                 latex=(proof_nodes.visit_unenumerable_node,
                        depart(proof_nodes.depart_unenumerable_node)))
    for node_class in proof_nodes.NODE_TYPES.values():
        app.add_node(node_class, override=True,
                     latex=(proof_nodes.visit_enumerable_node,
                            depart(proof_nodes.depart_enumerable_node)))


def _write_bbm(app: Any) -> None:
    if _is_latex(app):
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        (Path(app.outdir) / "bbm.sty").write_text(BBM_STY, encoding="utf-8")


class HangulFont(SphinxPostTransform):
    """Set every run of Hangul in the Korean font."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if self.config.language == "ko":
            return  # the Korean preamble switches fonts by character class
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.math,
                                                     nodes.math_block, nodes.raw)):
                continue
            source = str(text)
            if not HANGUL_RUN.search(source):
                continue
            pieces: list[nodes.Node] = []
            position = 0
            for match in HANGUL_RUN.finditer(source):
                if match.start() > position:
                    pieces.append(nodes.Text(source[position:match.start()]))
                # Only Hangul and spaces: nothing for LaTeX to escape.
                pieces.append(nodes.raw("", rf"\hangul{{{match.group()}}}", format="latex"))
                position = match.end()
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            index = parent.index(text)
            parent[index:index + 1] = pieces


class ExerciseNumberReferences(SphinxPostTransform):
    """References to an exercise: ``{numref}`` and ``{ref}`` from another page."""

    default_priority = 25  # after the references are resolved (10)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        registry = getattr(self.env, "sphinx_exercise_registry", None)
        if not registry:
            return
        from sphinx_exercise.nodes import exercise_latex_number_reference, is_exercise_node
        for reference in list(self.document.findall(nodes.reference)):
            label = reference.get("refid") or reference.get("refuri", "").partition("#")[2]
            if label not in registry or not is_exercise_node(registry[label].get("node")):
                continue
            if not (isinstance(reference, addnodes.number_reference)
                    or reference.get("refuri", "").startswith("%")):
                continue
            # sphinx-exercise's own rewrite (to its label) catches only the
            # {ref}s within a page. The text of a {numref} is already
            # "Exercise 3.2", numbered as in the HTML (LaTeX's \ref would
            # give the section's number).
            replacement = exercise_latex_number_reference(refid=label)
            replacement += nodes.Text(reference.astext())
            reference.replace_self(replacement)
        # A solution's title is "Solution to" and a link " Exercise 1.1";
        # inside \hyperref{...} LaTeX drops that leading space.
        for link in list(self.document.findall(exercise_latex_number_reference)):
            text = link.astext()
            if text[:1].isspace() and link.parent is not None:
                link.children = [nodes.Text(text.lstrip())]
                link.parent.insert(link.parent.index(link), nodes.Text(" "))


class ProofPageTitles(SphinxPostTransform):
    """Give each page's section the name sphinx-proof looks it up by."""

    default_priority = 30
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for section in self.document.findall(nodes.section):
            docname = section.get("docname")
            if docname not in self.env.titles or not section.children:
                continue
            title = self.env.titles[docname].astext().lower()
            names = section.setdefault("names", [])
            if section[0].astext().lower() == title and title not in names:
                names.append(title)


class UnnumberedReferencePages(SphinxPostTransform):
    """Number the chapters of a numbered toctree part only, as the HTML does."""

    default_priority = 40
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        sitemap = getattr(self.config, "external_site_map", None)
        if sitemap is None:
            return
        first_doc = {}
        for subtree in sitemap.root.subtrees:
            docs = [str(item) for item in subtree.items
                    if type(item).__name__ == "FileItem"]
            if docs:
                first_doc[docs[0]] = bool(subtree.numbered)
        done = set()
        for section in list(self.document.findall(nodes.section)):
            docname = section.get("docname")
            if docname in first_doc and docname not in done:
                done.add(docname)
                # 2 is the report class's depth, which Sphinx keeps: chapters,
                # sections (pages) and subsections are numbered; -1 none.
                depth = 2 if first_doc[docname] else -1
                switch = nodes.raw("", rf"\setcounter{{secnumdepth}}{{{depth}}}" + "\n",
                                   format="latex")
                # Before the page's labels too: Sphinx writes a label that
                # precedes a section with the section, not twice.
                first = section
                while isinstance(first.previous_sibling(), nodes.target):
                    first = first.previous_sibling()
                section.parent.insert(section.parent.index(first), switch)


class BibliographyInItsChapter(SphinxPostTransform):
    """Put the list of references into the bibliography page, labelled as cited."""

    default_priority = 760  # after Sphinx gathers the citations at the end (750)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        from sphinx.builders.latex.nodes import thebibliography

        lists = list(self.document.findall(thebibliography))
        if not lists:
            return
        bibliography = lists[0]
        cited_as = self._cited_as()
        for citation in bibliography.children:
            key = f"{citation.get('docname')}:{citation['ids'][0]}" if citation.get("ids") else None
            if key in cited_as and isinstance(citation[0], nodes.label):
                citation[0].children = [nodes.Text(cited_as[key])]
        docname = bibliography.children[0].get("docname") if bibliography.children else None
        for section in self.document.findall(nodes.section):
            if section.get("docname") == docname:
                bibliography.parent.remove(bibliography)
                section.append(bibliography)
                break

    def _cited_as(self) -> dict[str, str]:
        """Each citation ("doc:id") and the text that cites it, in parentheses if it ever is.

        For LaTeX, sphinxcontrib-bibtex writes a citation in the text as its
        ``raw_latex`` node ``\\hyperlink{cite.<doc>:<id>}{``, the text
        ("Buss, 2004"), and ``raw_latex`` ``}``.
        """
        from sphinxcontrib.bibtex.nodes import raw_latex

        parenthetical: dict[str, str] = {}
        textual: dict[str, str] = {}
        for inline in self.document.findall(nodes.inline):
            if "bibtex-citation" not in inline.get("classes", []):
                continue
            # "[Buss, 2004]" rather than "Buss [2004]" where the text has both.
            found = parenthetical if inline.astext().startswith("[") else textual
            key, words, cited = None, [], {}
            for leaf in inline.findall(lambda node: isinstance(node, (nodes.Text, raw_latex))):
                if isinstance(leaf, raw_latex):
                    start = CITE_LINK.match(leaf.rawsource)
                    if start:
                        key, words = start.group(1), []
                    elif key and leaf.rawsource == "}":
                        cited[key] = "".join(words).strip()
                        key = None
                elif key and not isinstance(leaf.parent, raw_latex):
                    words.append(str(leaf))
            textual_form = TEXTUAL_CITE.match(inline.astext())
            if found is textual and len(cited) == 1 and textual_form:
                # "Pieper [1968]" links only the year: label it "Pieper, 1968".
                cited = {key: f"{textual_form.group(1)}, {textual_form.group(2)}" for key in cited}
            for key, text in cited.items():
                found.setdefault(key, text)
        return {**textual, **parenthetical}


def setup(app: Any) -> None:
    app.add_node(nodes.math_block, override=True,
                 latex=(_visit_math_block, lambda self, node: None))
    app.connect("config-inited", _configure, priority=900)
    app.connect("builder-inited", _write_bbm)
    app.connect("builder-inited", _translate_proof_kinds)
    for transform in (HangulFont, ExerciseNumberReferences, ProofPageTitles,
                      UnnumberedReferencePages, BibliographyInItsChapter):
        app.add_post_transform(transform)
