"""A search result's snippet: the passage of a record's text, in the reader's language, where the words searched
for first occur, with those words marked. A word matches as the search does (osce_kb.folding): whatever the
case, accents or script, and by its beginning, so "kazakh" marks "Қазақстан"."""

import re

from django.utils.html import format_html, format_html_join

from osce_kb import folding

WORD = re.compile(r"\w+", re.UNICODE)
WIDTH = 180  # characters of text around the first match
BEFORE = 50  # of which before it


def _matches(token, words):
    # As the search forgives a letter in a longer word, so that "kazakh" (folded "kazah") marks the Kazakh
    # "Қазақстан" (folded "kazakstan") that its Russian and English texts matched.
    folded = folding.fold_for_index(token).split()
    return any(
        part.startswith(word)
        or (len(word) >= folding.MISSPELLING_MIN_LENGTH and folding.within_one_edit(word, part[: len(word)]))
        for part in folded
        for word in words
    )


def passage(text, words, width=WIDTH):
    """[(piece, marked)] of the passage of `text` around the first of `words` (folded query words), ellipses
    where it is cut; the beginning of `text` when no word occurs in it; [] for no text."""
    text = " ".join((text or "").split())
    if not text:
        return []
    tokens = list(WORD.finditer(text))
    first = next((token for token in tokens if words and _matches(token.group(), words)), None)
    start = max(0, first.start() - BEFORE) if first else 0
    if start:
        # Begin at a word, not inside one.
        start = next((token.start() for token in tokens if token.start() >= start), start)
    end = min(len(text), start + width)
    if end < len(text):
        end = max((token.end() for token in tokens if token.end() <= end), default=end)
    pieces, at = [], start
    for token in tokens:
        if token.start() < start or token.end() > end or not _matches(token.group(), words):
            continue
        pieces += [(text[at : token.start()], False), (token.group(), True)]
        at = token.end()
    pieces.append((text[at:end], False))
    if start:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return [(piece, marked) for piece, marked in pieces if piece]


def best_passage(texts, words, width=WIDTH):
    """The passage of the first of `texts` in which one of `words` occurs, else the beginning of the first."""
    passages = [passage(text, words, width) for text in texts if text]
    return next(
        (pieces for pieces in passages if any(marked for _piece, marked in pieces)), passages[0] if passages else []
    )


def highlighted(pieces):
    """A passage as HTML, each matching word in <mark>, everything else escaped."""
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", piece) if marked else piece,) for piece, marked in pieces)
    )
