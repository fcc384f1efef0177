"""Every instruction checker against responses written for it: >= 3 that follow it, >= 3 that do not."""

from __future__ import annotations

import pytest

from verifiers.ifeval import EXTRA_IDS, IFEVAL_IDS, INSTRUCTIONS, bind

LOREM = "The quick brown fox jumps over the lazy dog. " * 10  # 90 words, 10 sentences

# id -> (kwargs, followed responses, violated responses)
CASES: dict[str, tuple[dict, list[str], list[str]]] = {
    # ---------------------------------------------------------------- IFEval
    "keywords:existence": (
        {"keywords": ["river", "lantern"]},
        [
            "A lantern hung by the river.",
            "RIVER and LANTERN, shouted.",
            "The riverbank glowed under a lanterns' light.",
        ],
        ["A lantern hung by the lake.", "Only the river was there.", "Nothing relevant at all."],
    ),
    "keywords:frequency": (
        {"keyword": "tree", "frequency": 3, "relation": "at least"},
        [
            "tree tree tree",
            "A Tree, a TREE and another tree.",
            "The trees and a street tree stand near a treetop.",
        ],
        ["tree tree", "no match here", "One tree only."],
    ),
    "keywords:forbidden_words": (
        {"forbidden_words": ["cat", "dog"]},
        ["Birds sing.", "A catalogue of doghouses is not a match.", "Concatenate dogma."],
        ["The cat sat.", "A DOG barked.", "I love my dog, really."],
    ),
    "keywords:letter_frequency": (
        {"letter": "z", "let_frequency": 3, "let_relation": "less than"},
        ["No such letter.", "Zoo with two zebras? no.", "Pizza"],
        ["zzz", "Zany zebras zoom.", "Pizza puzzle"],
    ),
    "language:response_language": (
        {"language": "fr"},
        [
            "Bonjour, je m'appelle Marie et j'habite à Paris depuis dix ans.",
            "Le chat dort sur le canapé pendant que la pluie tombe doucement.",
            "12345 !!!",  # nothing to detect: counted as followed, as in the reference
        ],
        [
            "Hello, my name is Marie and I have lived in Paris for ten years.",
            "Hola, me llamo María y vivo en Madrid desde hace diez años.",
            "Der Hund schläft auf dem Sofa, während es draußen regnet.",
        ],
    ),
    "length_constraints:number_sentences": (
        {"num_sentences": 3, "relation": "less than"},
        [
            "One sentence only.",
            "Dr. Smith arrived at 3.45 p.m. yesterday. He left early.",
            "Wait... what happened? Nothing",
        ],
        ["One. Two. Three.", "Is it? Yes! It is. Fine.", "He left. She stayed. They talked.\nThen silence."],
    ),
    "length_constraints:number_paragraphs": (
        {"num_paragraphs": 3},
        [
            "A\n***\nB\n***\nC",
            "***\nA *** B *** C\n***",
            "First part.\n\n***\n\nSecond part.\n\n***\n\nThird part.",
        ],
        ["A\n***\nB", "A\n***\n***\nB\n***\nC", "A\n\nB\n\nC"],
    ),
    "length_constraints:number_words": (
        {"num_words": 5, "relation": "at least"},
        ["one two three four five", "It's a well-known fact.", "1 2 3 4 5 6"],
        ["one two three four", "", "Hi!!! ... ???"],
    ),
    "length_constraints:nth_paragraph_first_word": (
        {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "summary"},
        [
            "Intro text.\n\nSummary, all good.",
            'Intro.\n\n"Summary" comes second.',
            "Intro.\n\nsummary, in short.",
        ],
        [
            "Intro.\n\nConclusion: summary.",
            "Summary first.\n\nThen the rest.",
            "Intro.\n\nSummary here.\n\nExtra paragraph.",
        ],
    ),
    "detectable_content:number_placeholders": (
        {"num_placeholders": 2},
        ["Dear [name], at [address].", "[a][b]", "Call [phone number] or [email]. Thanks [name]."],
        ["Dear [name],", "No placeholders.", "An open [bracket\nand] a close on another line."],
    ),
    "detectable_content:postscript": (
        {"postscript_marker": "P.S."},
        ["Body text.\n\nP.S. See you soon.", "Hello.\np.s. lower case works", "Text\nP. S. spaced marker"],
        ["Body text only.", "Body.\nPS without periods.", "Body.\nPS: no periods either"],
    ),
    "detectable_format:number_bullet_lists": (
        {"num_bullets": 2},
        ["* one\n* two", "Intro\n- first\n- second\nOutro", "  * indented\n\n\n- dash"],
        ["* one", "* one\n* two\n* three", "**bold** line\n* only one"],
    ),
    "detectable_format:constrained_response": (
        {},
        ["My answer is yes.", "Well... My answer is no.", "  My answer is maybe.  "],
        ["Yes.", "my answer is yes.", "My answer is perhaps."],
    ),
    "detectable_format:number_highlighted_sections": (
        {"num_highlights": 2},
        ["*one* and *two*", "**bold one** and *italic two*", "*a*\n*b*\n*c*"],
        ["*one* only", "** ** and * *", "**bold counts once**"],
    ),
    "detectable_format:multiple_sections": (
        {"section_spliter": "SECTION", "num_sections": 2},
        [
            "SECTION 1\nIntro\nSECTION 2\nBody",
            "SECTION 1 a SECTION 2 b SECTION 3 c",
            "Text\nSECTION 7\nx\nSECTION 8\ny",
        ],
        ["SECTION 1\nIntro only", "Section 1\nSection 2", "SECTION one\nSECTION two"],
    ),
    "detectable_format:json_format": (
        {},
        ['{"a": 1}', '```json\n{"a": [1, 2]}\n```', '  ["x", "y"]  '],
        ['{"a": 1', 'Here is JSON: {"a": 1}', "```json\n{'a': 1}\n```"],
    ),
    "detectable_format:title": (
        {},
        ["<<My Title>>\nText", "Text then <<another one>> inline", "<< spaced >>"],
        ["No title", "<<>>", "<<broken\ntitle>>"],
    ),
    "combination:two_responses": (
        {},
        ["First answer.\n******\nSecond answer.", "A ****** B", "******\nOne\n******\nTwo\n******"],
        ["Only one answer.", "Same\n******\nSame", "A\n******\n\n******\nB"],
    ),
    "combination:repeat_prompt": (
        {"prompt_to_repeat": "Write a poem about the sea."},
        [
            "Write a poem about the sea. The waves...",
            "  write a poem about the sea. Waves.",
            "WRITE A POEM ABOUT THE SEA.\nWaves",
        ],
        [
            "Here is a poem about the sea.",
            "Write a poem about the ocean.",
            "Sure! Write a poem about the sea.",
        ],
    ),
    "startend:end_checker": (
        {"end_phrase": "Any other questions?"},
        ["Done. Any other questions?", "Done. any other questions?  \n", '"Text. Any other questions?"'],
        ["Any other questions? Thanks.", "Done. Any other question?", "Done."],
    ),
    "change_case:capital_word_frequency": (
        {"capital_frequency": 3, "capital_relation": "at least"},
        ["THIS IS LOUD", "I said NO and STOP.", "DON'T do it, OK"],
        ["This is quiet.", "One LOUD word.", "NASA-style e.g. only 1 caps: NASA-STYLE"],
    ),
    "change_case:english_capital": (
        {},
        [
            "THIS IS AN ENGLISH SENTENCE WRITTEN ENTIRELY IN CAPITAL LETTERS FOR THE TEST.",
            "THE WEATHER TODAY IS SUNNY AND WARM, SO WE WILL HAVE OUR LUNCH OUTSIDE IN THE GARDEN.",
            "PLEASE REMEMBER TO BRING YOUR BOOKS AND YOUR HOMEWORK TO THE CLASS TOMORROW MORNING.",
        ],
        ["This is not all caps.", "BONJOUR, JE SUIS TRÈS CONTENT DE VOUS VOIR AUJOURD'HUI.", "1234 !!!"],
    ),
    "change_case:english_lowercase": (
        {},
        [
            "this is an english sentence in lowercase.",
            "hello world, how are you today?",
            "the quick brown fox.",
        ],
        [
            "This starts with a capital.",
            "bonjour, je suis très content de vous voir aujourd'hui.",
            "all lower but I",
        ],
    ),
    "punctuation:no_comma": (
        {},
        ["No commas here.", "Semicolons; fine.", "Full-width ，is not an ASCII comma"],
        ["One, two.", "a,b", "Trailing comma,"],
    ),
    "startend:quotation": (
        {},
        ['"Wrapped."', '  "Wrapped with spaces"  ', '"Multi\nline"'],
        ["Not wrapped.", '"Only start', '"'],
    ),
    # ---------------------------------------------------------------- beyond IFEval
    "count:word_count_range": (
        {"min_words": 3, "max_words": 5},
        ["one two three", "one two three four five", "It's four words."],
        ["one two", "one two three four five six", ""],
    ),
    "count:keyword_exact": (
        {"keyword": "river", "count": 2},
        ["river and River", "The river, the RIVER.", "river rivers river"],
        ["river", "river river river", "riverbank riverside"],
    ),
    "count:char_count_range": (
        {"min_chars": 5, "max_chars": 10},
        ["hello", "  hello wor  ", "0123456789"],
        ["hey", "hello there world", "01234567890"],
    ),
    "count:min_numbers": (
        {"num_numbers": 2},
        ["1 and 2", "Costs 1,000 dollars in 2024.", "3.5 and 7"],
        ["one and two", "only 42", "1,000"],
    ),
    "count:no_digits": (
        {},
        ["twenty two", "No numbers at all.", "Roman IV is fine."],
        ["22", "version 2", "a1"],
    ),
    "sentence:max_words": (
        {"max_words": 4},
        ["Short one. Also short.", "Tiny. Fine!", "Two words? Yes."],
        ["This sentence has too many words.", "Fine. But this one is far too long.", ""],
    ),
    "sentence:count_range": (
        {"min_sentences": 2, "max_sentences": 3},
        ["One. Two.", "One. Two. Three.", "Dr. Who came. He left."],
        ["One.", "One. Two. Three. Four.", "Mr. Smith arrived."],
    ),
    "format:numbered_list": (
        {"num_items": 3},
        ["1. a\n2. b\n3. c", "Intro\n1) a\n2) b\n3) c\nOutro", "  1. a\n  2. b\n  3. c"],
        ["1. a\n2. b", "1. a\n3. b\n4. c", "1. a\n2. b\n3. c\n4. d"],
    ),
    "format:json_schema": (
        {"required_keys": ["title", "points"], "key_types": {"points": "array"}},
        [
            '{"title": "x", "points": []}',
            '```json\n{"title": 1, "points": ["a"], "extra": true}\n```',
            '{"points": [1], "title": null}',
        ],
        ['{"title": "x"}', '{"title": "x", "points": "a"}', '[{"title": "x", "points": []}]'],
    ),
    "format:line_count": (
        {"num_lines": 2},
        ["a\nb", "a\n\n\nb\n", "  first line  \nsecond"],
        ["a", "a\nb\nc", "a b c"],
    ),
    "paragraphs:first_letters": (
        {"letters": "AB"},
        [
            "Apple pie.\n\nBanana bread.",
            '**Always** here.\n\n\n"Bold" start.',
            "a lower start\n\nb works too",
        ],
        ["Apple pie.\n\nCherry tart.", "Apple.\n\nBanana.\n\nCoconut.", "1. Apple\n\nBanana"],
    ),
    "ratio:unique_words": (
        {"min_ratio": 0.8},
        ["every word here differs", "One two three four five.", "Alpha beta gamma delta alpha"],
        ["the the the the", "a b a b a b", ""],
    ),
    "words:start_end_same": (
        {},
        ["Hello there, hello", "Rain falls, rain.", "Go, go"],
        ["Hello there", "Single", "Start and finish."],
    ),
    "words:max_word_length": (
        {"max_length": 5},
        ["tiny words only", "a b c", "short, sweet."],
        ["extraordinary", "this is fantastic", ""],
    ),
    "startend:ends_with_question": (
        {},
        ["Ready?", 'She asked "why?"', "Done? \n"],
        ["Ready.", "Why? Because.", "?!"],
    ),
}


def test_every_instruction_has_cases() -> None:
    assert set(CASES) == set(INSTRUCTIONS)
    assert len(IFEVAL_IDS) == 25 and len(EXTRA_IDS) >= 10


@pytest.mark.parametrize(
    ("iid", "response"), [(i, r) for i, (_, ok, _) in CASES.items() for r in ok], ids=lambda v: str(v)[:40]
)
def test_followed(iid: str, response: str) -> None:
    kwargs = CASES[iid][0]
    assert len(CASES[iid][1]) >= 3
    assert bind(iid, kwargs)(response) is True


@pytest.mark.parametrize(
    ("iid", "response"), [(i, r) for i, (_, _, bad) in CASES.items() for r in bad], ids=lambda v: str(v)[:40]
)
def test_violated(iid: str, response: str) -> None:
    kwargs = CASES[iid][0]
    assert len(CASES[iid][2]) >= 3
    assert bind(iid, kwargs)(response) is False


@pytest.mark.parametrize(
    ("kwargs", "text", "expected"),
    [
        ({"keyword": "tree", "frequency": 3, "relation": "less than"}, "tree tree", True),
        ({"keyword": "tree", "frequency": 3, "relation": "less than"}, "tree tree tree", False),
        ({"keyword": "tree", "frequency": 3, "relation": "at least"}, "tree tree tree", True),
    ],
)
def test_relations_are_strict_less_and_inclusive_at_least(kwargs: dict, text: str, expected: bool) -> None:
    assert bind("keywords:frequency", kwargs)(text) is expected


def test_letter_frequency_counts_a_non_letter_as_given() -> None:
    # IFEval keys 1122 ("#") and 1129 ("!"): the reference draws a random letter instead.
    check = bind("keywords:letter_frequency", {"letter": "#", "let_frequency": 4, "let_relation": "at least"})
    assert check("#a #b #c #d") is True
    assert check("#a #b #c and many other letters aaaaaaa") is False


def test_nth_paragraph_indexes_the_unfiltered_split_like_the_reference() -> None:
    # An empty chunk is not counted but still occupies an index (a known reference quirk).
    check = bind(
        "length_constraints:nth_paragraph_first_word",
        {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "b"},
    )
    assert check("a\n\n\n\nb") is False
    assert check("a\n\nb") is True
