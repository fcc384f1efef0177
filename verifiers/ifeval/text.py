"""Offline text utilities the checkers share: word counts, a Punkt-like sentence splitter, word tokens.

IFEval's reference counts sentences with NLTK's pre-trained Punkt model, which cannot be downloaded
here. `split_sentences` follows Punkt's decision procedure (a break after `.?!` unless the token is a
known abbreviation, an initial or an ordinal followed by a lower-case word, ...) with hand-written
word lists in place of the trained statistics. It deliberately keeps Punkt's habits that change
counts: newlines are not boundaries, "1. Item" list markers end a sentence, `?`/`!` always end one.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Runs of word characters, as the reference's `RegexpTokenizer(r"\\w+")` counts them."""
    return len(_WORD_RE.findall(text))


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations (lower case, without the final period) that do not end a sentence by themselves.
ABBREVIATIONS = _word_set(
    """
    mr mrs ms dr prof st jr sr messrs mme mlle rev gen col lt sgt capt cpt maj cmdr adm gov sen rep pres
    inc ltd co corp bros assn dept univ est approx vs v etc cf al ca viz
    e.g i.e u.s u.k u.n u.s.a a.m p.m b.c a.d d.c n.y l.a ph.d m.d b.a m.a b.s m.s
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols fig figs p pp ch sec art ed eds op ave blvd rd mt ft hwy
    calif mass conn fla ill wash penn ariz colo mich minn wis tenn okla ore nev
    """
)
# Capitalised words that usually start a sentence, so an abbreviation or ellipsis before them ends one.
SENTENCE_STARTERS = _word_set(
    """
    a an the this that these those there here it its he she they we i you my our your his her their
    but and or so yet however also then thus therefore hence still instead meanwhile moreover
    furthermore finally first second third next now today in on at for from with by as if when while
    after before because since although though what why how who where which no not yes many most some
    all each every one two three another other such both neither either let please do does did is are
    was were be can could will would should may might must has have had
    """
)

_NON_WORD = r"""[)";}\]*:@'({\[!?]"""
_CANDIDATE_RE = re.compile(r"[.?!](?=(?P<after>" + _NON_WORD + r"|\s+(?P<next>\S+)))")
_TOKEN_RE = re.compile(
    r"""(?:-{2,}|\.{2,}|(?:\.\s){2,}\.)"""
    r"""|(?=[^("`{\[:;&#*@)}\]\-,])\S+?(?=\s|$|"""
    + _NON_WORD
    + r"""|-{2,}|\.{2,}|(?:\.\s){2,}\.|,(?=$|\s|"""
    + _NON_WORD
    + r"""|-{2,}|\.{2,}))"""
    r"""|\S"""
)
_NUMBER_RE = re.compile(r"^-?[.,]?\d[\d,.\-]*\.?$")
_INITIAL_RE = re.compile(r"^[^\W\d]\.$")
_WORD_WINDOW = 64
_CLOSERS_RE = re.compile(r"""["')\]}]+?(?:\s+|(?=--)|$)""")


def _is_break(prev: str, next_tok: str | None, after: str) -> bool:
    """Whether the sentence-end character that closes `prev` ends a sentence (Punkt's two passes)."""
    tokens = _TOKEN_RE.findall(prev)
    if not tokens:
        return False
    tok = tokens[-1]
    if tok in ("?", "!", "."):
        return True
    if tok.endswith("..") or re.fullmatch(r"(?:\.\s){2,}\.", tok):
        return _starts_sentence(next_tok)  # an ellipsis ends a sentence only before a sentence starter
    if not tok.endswith("."):
        return False
    body = tok[:-1].lower()
    lower_next = bool(next_tok) and (next_tok[0].islower() or next_tok[0] in ";:,.!?")  # type: ignore[index]
    if lower_next and (_INITIAL_RE.match(tok) or _NUMBER_RE.match(tok.lower())):
        return False  # "1. item", "in 2019. then", "J. s": Punkt's orthographic heuristic says no
    if _INITIAL_RE.match(tok):
        # "J. Smith" is a name; "J. The" (a word that usually starts sentences) ends one.
        return not (next_tok and next_tok[0].isupper()) or _starts_sentence(next_tok)
    if _NUMBER_RE.match(tok.lower()):
        return True  # "1. Item": list numbers end a sentence before a capitalised word
    if body in ABBREVIATIONS or body.split("-")[-1] in ABBREVIATIONS:
        return _starts_sentence(next_tok)
    return True


def _starts_sentence(next_tok: str | None) -> bool:
    if not next_tok or not next_tok[0].isupper():
        return False
    word = _TOKEN_RE.findall(next_tok)
    return bool(word) and word[0].lower().rstrip(".") in SENTENCE_STARTERS


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` the way Punkt's English model splits them (closely, not exactly)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE_RE.finditer(text):
        # The word ending here: back to the last whitespace, at most _WORD_WINDOW characters (a longer
        # "word" is noise, and an unbounded look-back would make hostile text quadratic).
        lo = max(start, match.start() - _WORD_WINDOW)
        ws = max(
            text.rfind(" ", lo, match.start()),
            text.rfind("\n", lo, match.start()),
            text.rfind("\t", lo, match.start()),
        )
        prev = text[max(ws + 1, lo) : match.end()]
        next_tok = match.group("next")
        if _is_break(prev, next_tok[:_WORD_WINDOW] if next_tok else None, match.group("after")):
            spans.append((start, match.end()))
            start = match.start("next") if next_tok else match.end()
    spans.append((start, len(text.rstrip())))
    return _realign(text, spans)


def _realign(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Move closing quotes/brackets that start a sentence back onto the previous one; drop empties."""
    out: list[str] = []
    shift = 0
    for i, (s, e) in enumerate(spans):
        s += shift
        shift = 0
        if i + 1 < len(spans):
            m = _CLOSERS_RE.match(text, spans[i + 1][0], spans[i + 1][1])
            if m:
                e = spans[i + 1][0] + len(m.group(0).rstrip())
                shift = m.end() - spans[i + 1][0]
        if s < e and text[s:e].strip():
            out.append(text[s:e])
    return out


def count_sentences(text: str) -> int:
    return len(split_sentences(text))


_TB_SPLIT = [
    (re.compile(r"\.{2,}|--"), " "),
    (re.compile(r"[;@#$%&?!*\[\](){}<>\"“”«»„]"), " "),
    (re.compile(r"[:,](?=\D|$)"), " "),
    (re.compile(r"(?i)\b(can)(not)\b"), r"\1 \2"),
    (re.compile(r"(?i)\b(gon|got|wan)(na|ta)\b"), r"\1 \2"),
    (re.compile(r"(?i)\b(gim|lem)(me)\b"), r"\1 \2"),
    (re.compile(r"([^' ])('[sSmMdD]|'ll|'LL|'re|'RE|'ve|'VE|n't|N'T) "), r"\1 \2 "),
    (re.compile(r"([^' ])' "), r"\1 "),
    (re.compile(r"’"), " "),
]


def word_tokens(text: str) -> list[str]:
    """Words as NLTK's Treebank-style `word_tokenize` cuts them, as far as letter case can tell:
    punctuation and quotes split off, contractions split ("DON'T" -> "DO", "N'T"), hyphens kept."""
    text = f" {text} "
    for pattern, repl in _TB_SPLIT:
        text = pattern.sub(repl, text)
    return text.split()
