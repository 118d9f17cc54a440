"""Korean particles after cross-references agree with the text they follow.

A Korean particle depends on how the word before it ends: 정리 2.1**이** (일
ends in a consonant) but 식 (2.2)**를** (이 ends in a vowel). After a
`{numref}`, `{eq}`, `{prf:ref}` or `{ref}` the word is rendered by the build,
so a translator picks the particle for today's numbering, and renumbering a
chapter could silently make it wrong. This test reads the built Korean pages
and checks every particle that directly follows a cross-reference link
against the link's rendered text. The rule itself is tested without a build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ROOT / "_build" / "html" / "ko" / "book"

# (after a consonant, after a vowel); 으로/로 is handled apart (ㄹ takes 로).
PAIRS = [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와")]
# The Hangul runs checked: a particle, alone or with 는/도/부터/서/써 after it. Anything else
# (a copula such as 이다, 입니다, 이고, or a word) is left alone.
PARTICLES = {"은", "는", "이", "가", "을", "를", "과", "와", "과는", "와는", "과도", "와도",
             "으로", "로", "으로는", "로는", "으로도", "로도", "으로부터", "로부터", "으로서", "로서", "으로써", "로써"}
# How the last digit of a number is read: (ends in a consonant, the consonant is ㄹ).
DIGITS = {"0": (True, False), "1": (True, True), "2": (False, False), "3": (True, False), "4": (False, False),
          "5": (False, False), "6": (True, False), "7": (True, True), "8": (True, True), "9": (False, False)}
LINK = re.compile(r'<a class="reference internal"[^>]*>((?:(?!</a>).)*)</a>([\uac00-\ud7a3]+)', re.S)


def final_sound(text: str) -> tuple[bool, bool] | None:
    """(ends in a consonant, that consonant is ㄹ) for the way ``text`` is read aloud; None if unknown."""
    text = re.sub(r"[\s)\]]+$", "", text)
    if not text:
        return None
    last = text[-1]
    if "\uac00" <= last <= "\ud7a3":
        coda = (ord(last) - 0xAC00) % 28
        return coda != 0, coda == 8
    number = re.search(r"(\d+)$", text)
    if number:
        digits = number.group(1).lstrip("0") or "0"
        if digits != "0" and digits.endswith("0"):
            return True, False          # 십, 백, 천: ten, a hundred, a thousand end in a consonant (not ㄹ)
        return DIGITS[digits[-1]]
    return None                         # Latin letters or symbols: left to the translator


def expected_particle(particle: str, sound: tuple[bool, bool]) -> str | None:
    """The particle's correct first form after a word that ends as ``sound`` says; None if not a particle."""
    if particle not in PARTICLES:
        return None
    consonant, rieul = sound
    if particle.startswith(("으로", "로")):
        return "으로" if consonant and not rieul else "로"
    for after_consonant, after_vowel in PAIRS:
        if particle.startswith((after_consonant, after_vowel)):
            return after_consonant if consonant else after_vowel
    return None


def test_the_particle_rule():
    assert expected_particle("를", final_sound("(2.2)")) == "를"
    assert expected_particle("이", final_sound("정리 2.1")) == "이"
    assert expected_particle("는", final_sound("그림 2.4")) == "는"
    assert expected_particle("은", final_sound("그림 3.6")) == "은"
    assert expected_particle("로", final_sound("(2.7)")) == "로"          # 칠 ends in ㄹ
    assert expected_particle("으로", final_sound("(2.3)")) == "으로"
    assert expected_particle("으로부터", final_sound("(2.10)")) == "으로"  # 십
    assert expected_particle("와", final_sound("용어집")) == "과"
    assert expected_particle("로", final_sound("용어집")) == "으로"
    assert expected_particle("입니다", final_sound("정리 2.2")) is None    # a copula, not a particle
    assert final_sound("SciPy") is None


@pytest.mark.site
def test_particles_after_cross_references_fit_the_rendered_text():
    pages = sorted(KOREAN.rglob("*.html"))
    assert pages, f"no Korean pages under {KOREAN}: build them (make ko-build)"
    wrong = []
    for page in pages:
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            shown = html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()
            particle = match.group(2)
            sound = final_sound(shown)
            if sound is None or shown.endswith("]"):     # a citation, "Author [year]": read either way
                continue
            expected = expected_particle(particle, sound)
            if expected and not particle.startswith(expected):
                wrong.append(f"{page.relative_to(KOREAN)}: '{shown}' + '{particle}' (should start with {expected})")
    assert not wrong, f"{len(wrong)} particles do not fit the rendered reference:\n" + "\n".join(wrong)
