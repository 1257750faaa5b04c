"""The scorer behind `quotekit eval`, checked on small hand-made gold with hand-computed numbers."""

from __future__ import annotations

import json
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotekit import evaluate, ledger
from quotekit.cli import app
from quotekit.errors import InputError
from quotekit.evaluate import GoldAttribution, GoldDocument, PredictedAttribution, score

# Hand-made document: one direct, one indirect and one mixed attribution.
TEXT = 'Smith said "We will win." Jones argued that taxes rose. Lee called it "a disaster" yesterday.'


def at(fragment: str, text: str = TEXT) -> tuple[tuple[int, int], ...]:
    """The span of the (first) occurrence of ``fragment`` in ``text``."""
    start = text.index(fragment)
    return ((start, start + len(fragment)),)


GOLD = GoldDocument(doc="d1", text=TEXT, attributions=(
    GoldAttribution(content=at("We will win."), source=at("Smith"), cue=at("said")),           # direct
    GoldAttribution(content=at("taxes rose"), source=at("Jones"), cue=at("argued")),           # indirect
    GoldAttribution(content=at('it "a disaster" yesterday'), source=at("Lee"), cue=at("called")),  # mixed
))

# Hand-made predictions: a partial direct quote with the right speaker and cue, the indirect one
# exactly (punctuation aside) with the wrong speaker, and one false positive.
PARTIAL = (
    PredictedAttribution(content=at("We will"), speaker=at("Smith"), cue=at("said"), quote_type="direct"),
    PredictedAttribution(content=at("taxes rose."), speaker=at("Lee"), cue=at("argued"),
                         quote_type="indirect"),
    PredictedAttribution(content=at("Lee called"), quote_type="direct"),
)


def perfect_predictions(document: GoldDocument) -> tuple[PredictedAttribution, ...]:
    types = [evaluate.classify_quote_type(document.text, a.content) for a in document.attributions]
    return tuple(PredictedAttribution(content=a.content, speaker=a.source, cue=a.cue, quote_type=t)
                 for a, t in zip(document.attributions, types, strict=True))


def ratios(prf: evaluate.PRF) -> tuple[Fraction, Fraction]:
    return (Fraction(prf.predicted_matched, prf.predicted or 1), Fraction(prf.gold_matched, prf.gold or 1))


# ---------------------------------------------------------------- quote marks and gold types


@pytest.mark.parametrize(("text", "quoted"), [
    ('He said “we won” and left.', ["we won"]),
    ('He said "we won," and left.', ["we won,"]),
    ("''Poor Mexico,'' he said.", ["Poor Mexico,"]),  # NYT style: two apostrophes as a double mark
    ('She said "we "will" win" today', ['we "will" win']),  # nested straight quotes
    ('"PENCE: Clinton thinks this is “Shark Tank.” But', ["PENCE: Clinton thinks this is “Shark Tank.” But"]),
    ("He didn't go to Clinton’s party in the '90s.", []),  # apostrophes are not quotes
    ("'Beauty' joke and the voters' rights", ["Beauty"]),  # closed single quotes count
    ("„Wir schaffen das“, sagte sie. «Oui», dit-il.", ["Wir schaffen das", "Oui"]),
])
def test_quoted_regions_find_the_text_between_marks(text, quoted):
    assert [text[r.start:r.end] for r in evaluate.quoted_regions(text)] == quoted


def test_a_double_quote_left_open_runs_to_the_end_of_its_paragraph_only():
    text = "“We will fight.  \n“And we will win,” he said. Then “nothing"
    regions = evaluate.quoted_regions(text)
    assert [(text[r.start:r.end], r.closed) for r in regions] == [
        ("We will fight.", False), ("And we will win,", True), ("nothing", False)]
    # the regex baseline keeps only quotes closed by a matching mark
    assert [text[s:e] for p in evaluate.regex_baseline_predictions(text) for s, e in p.content] == [
        "And we will win,"]


def test_gold_type_is_derived_from_quote_marks():
    kinds = [evaluate.classify_quote_type(TEXT, a.content) for a in GOLD.attributions]
    assert kinds == ["direct", "indirect", "mixed"]
    text = '“I think,” she said, “we will win.”'
    discontinuous = at("I think,", text) + at("we will win.", text)
    assert evaluate.classify_quote_type(text, discontinuous) == "direct"
    assert evaluate.classify_quote_type(text, at("she said, “we will win", text)) == "mixed"


# ---------------------------------------------------------------- normalisation and matching


def test_normalisation_ignores_whitespace_punctuation_and_quote_marks():
    text = 'A “We  won,” B We won C'
    with_marks = evaluate.significant_positions(text, at("“We  won,”", text))
    bare = evaluate.significant_positions(text, at("We  won", text))
    assert with_marks == bare and len(bare) == 5
    assert [evaluate.is_significant(c) for c in "a7$ ,.“”‘’'\"«»`´—\u00a0"] == [True] * 3 + [False] * 15
    # a span of nothing but punctuation keeps its raw positions, so it can still be matched
    assert evaluate.significant_positions(text, at("“", text)) == frozenset({2})


def test_exact_match_is_under_normalisation():
    text = 'He said “We won, again.” Then'
    gold = GoldDocument("n", text, (GoldAttribution(content=at("“We won, again.”", text)),))
    report = score([gold], {"n": (PredictedAttribution(content=at("We won, again", text)),)})
    assert report.overall.exact.f1 == 1.0
    report = score([gold], {"n": (PredictedAttribution(content=at("We won", text)),)})
    assert report.overall.exact.f1 == 0.0
    assert report.overall.detection[0].f1 == 1.0  # 5 of 10 characters >= 0.3
    assert report.overall.detection[1].f1 == 0.0  # but < 0.8


def test_matching_is_one_to_one_and_greedy_best_ratio_first():
    gold = [frozenset(range(0, 10))]
    # two predictions over the same gold: only one can match, and the better one wins
    assert evaluate.match_one_to_one(gold, [frozenset(range(0, 4)), frozenset(range(0, 9))], 0.3) == ((0, 1),)
    # one prediction over two gold quotes matches only one of them
    two_gold = [frozenset(range(0, 10)), frozenset(range(10, 20))]
    assert len(evaluate.match_one_to_one(two_gold, [frozenset(range(0, 20))], 0.3)) == 1
    # the threshold is inclusive and relative to the gold: 3 of 10 characters is exactly 0.3
    assert evaluate.match_one_to_one(gold, [frozenset(range(7, 40))], 0.3) == ((0, 0),)
    assert evaluate.match_one_to_one(gold, [frozenset(range(8, 40))], 0.3) == ()
    # ties on the ratio go to the tighter prediction
    loose_and_tight = [frozenset(range(0, 30)), frozenset(range(0, 12))]
    assert evaluate.match_one_to_one(gold, loose_and_tight, 0.8) == ((0, 1),)


def test_duplicate_predictions_count_once():
    text = 'He said "we won" twice.'
    gold = GoldDocument("x", text, (GoldAttribution(content=at("we won", text)),))
    twice = (PredictedAttribution(content=at("we won", text)),) * 2
    report = score([gold], {"x": twice})
    for prf in (*report.overall.detection, report.overall.exact):
        assert (prf.gold_matched, prf.predicted, prf.predicted_matched) == (1, 2, 1)
        assert prf.precision == 0.5 and prf.recall == 1.0


# ---------------------------------------------------------------- scores


def test_perfect_prediction_scores_one():
    report = score([GOLD], {"d1": perfect_predictions(GOLD)})
    for bucket in ("all", "direct", "mixed", "indirect"):
        scores = report.bucket(bucket)
        for prf in (*scores.detection, scores.exact, scores.characters):
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0), bucket
        assert scores.speaker.value == 1.0 and scores.cue.value == 1.0
    assert report.overall.detection[0].gold == 3 and report.documents == 1


def test_empty_prediction_scores_zero():
    for predictions in ({}, {"d1": ()}):
        report = score([GOLD], predictions)
        scores = report.overall
        for prf in (*scores.detection, scores.exact, scores.characters):
            assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)
            assert prf.gold > 0 and prf.predicted == 0
        assert scores.speaker.total == 0 and scores.speaker.value == 0.0


def test_partial_prediction_matches_hand_computed_numbers():
    report = score([GOLD], {"d1": PARTIAL})
    at_03, at_08 = report.overall.detection
    # "We will" covers 6 of the 9 significant characters of "We will win." (0.67): a match at 0.3 only;
    # "taxes rose." equals the gold "taxes rose" once punctuation is ignored; "Lee called" matches nothing.
    assert (at_03.gold, at_03.gold_matched, at_03.predicted, at_03.predicted_matched) == (3, 2, 3, 2)
    assert ratios(at_03) == (Fraction(2, 3), Fraction(2, 3)) and at_03.f1 == pytest.approx(2 / 3)
    assert ratios(at_08) == (Fraction(1, 3), Fraction(1, 3))
    assert ratios(report.overall.exact) == (Fraction(1, 3), Fraction(1, 3))
    # characters: gold 9 + 9 + 20 ("itadisasteryesterday"), predicted 6 + 9 + 9, shared 6 + 9
    chars = report.overall.characters
    assert (chars.gold, chars.gold_matched, chars.predicted, chars.predicted_matched) == (38, 15, 24, 15)
    assert chars.precision == pytest.approx(15 / 24) and chars.recall == pytest.approx(15 / 38)
    assert chars.f1 == pytest.approx(2 * (15 / 24) * (15 / 38) / (15 / 24 + 15 / 38))
    # speaker: Smith right, Lee for Jones wrong; cue right both times
    assert (report.overall.speaker.correct, report.overall.speaker.total) == (1, 2)
    assert (report.overall.cue.correct, report.overall.cue.total) == (2, 2)


def test_types_bucket_recall_by_gold_type_and_precision_by_predicted_type():
    report = score([GOLD], {"d1": PARTIAL})
    direct, indirect, mixed = (report.bucket(t).detection[0] for t in ("direct", "indirect", "mixed"))
    # direct: 1 gold, found; 2 predictions typed direct, 1 of them right
    assert ratios(direct) == (Fraction(1, 2), Fraction(1, 1))
    assert ratios(indirect) == (Fraction(1, 1), Fraction(1, 1))
    assert (mixed.gold, mixed.gold_matched, mixed.predicted) == (1, 0, 0) and mixed.f1 == 0.0
    assert report.bucket("direct").speaker.value == 1.0 and report.bucket("indirect").speaker.value == 0.0
    chars = report.bucket("direct").characters
    assert (chars.gold, chars.gold_matched, chars.predicted, chars.predicted_matched) == (9, 6, 15, 6)

    # a prediction typed direct that finds a mixed gold: recall counts under mixed, precision under direct
    found_mixed = (PredictedAttribution(content=GOLD.attributions[2].content, quote_type="direct"),)
    report = score([GOLD], {"d1": found_mixed})
    assert report.bucket("mixed").detection[0].recall == 1.0
    assert report.bucket("mixed").detection[0].predicted == 0
    assert report.bucket("direct").detection[0].precision == 1.0
    assert report.bucket("direct").detection[0].recall == 0.0


def test_gold_without_a_source_wants_no_speaker():
    text = 'It is "clearly wrong," Smith said.'
    gold = GoldDocument("f", text, (GoldAttribution(content=at("clearly wrong,", text)),))
    silent = PredictedAttribution(content=at("clearly wrong", text))
    named = PredictedAttribution(content=at("clearly wrong", text), speaker=at("Smith", text))
    assert score([gold], {"f": (silent,)}).overall.speaker.value == 1.0
    assert score([gold], {"f": (named,)}).overall.speaker.value == 0.0


def test_bad_predictions_are_input_errors():
    with pytest.raises(InputError, match="unknown quote type"):
        score([GOLD], {"d1": (PredictedAttribution(content=at("We will"), quote_type="reported"),)})
    with pytest.raises(InputError, match=r"predicted span \[90, 200\) is outside the text"):
        score([GOLD], {"d1": (PredictedAttribution(content=at("We will"), speaker=((90, 200),)),)})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), min_size=1, max_size=6))
def test_any_gold_scored_against_itself_is_perfect(raw_spans):
    text = "Alpha said “beta gamma, delta” and epsilon; zeta eta theta said iota kappa lambda mu nu."
    spans = [(start, min(start + width, len(text))) for start, width in raw_spans]
    spans = [s for s in spans if any(evaluate.is_significant(c) for c in text[s[0]:s[1]])]
    document = GoldDocument("h", text, tuple(GoldAttribution(content=(s,)) for s in spans))
    report = score([document], {"h": perfect_predictions(document)})
    for prf in (*report.overall.detection, report.overall.exact, report.overall.characters):
        assert prf.gold_matched == prf.gold and prf.predicted_matched == prf.predicted


# ---------------------------------------------------------------- reading gold


def polnear_line(doc: str, text: str, attributions: list[dict]) -> str:
    record = {"split": "dev", "doc": doc, "annotator": "x", "text": text, "attributions": attributions}
    return json.dumps(record)


def span(text: str, *fragments: str) -> list[dict]:
    ranges = [list(at(f, text)[0]) for f in fragments]
    return [{"ranges": ranges, "text": " ".join(fragments)}]


SECOND = '“I think,” she said, “we will win.” Critics argued the vote was lost.'


@pytest.fixture
def gold_file(tmp_path):
    """Two PolNeAR-style documents: the hand-made one and one with a discontinuous quote."""
    lines = [
        polnear_line("d1", TEXT, [
            {"source": span(TEXT, "Smith"), "cue": span(TEXT, "said"), "content": span(TEXT, "We will win.")},
            {"source": span(TEXT, "Jones"), "cue": span(TEXT, "argued"), "content": span(TEXT, "taxes rose")},
            {"source": span(TEXT, "Lee"), "cue": span(TEXT, "called"),
             "content": span(TEXT, 'it "a disaster" yesterday')},
            {"source": [], "cue": [], "content": []},  # an empty annotation: skipped
        ]),
        polnear_line("d2", SECOND, [
            {"source": span(SECOND, "she"), "cue": span(SECOND, "said"),
             "content": span(SECOND, "I think,", "we will win.")},
            {"source": span(SECOND, "Critics"), "cue": span(SECOND, "argued"),
             "content": span(SECOND, "the vote was lost")},
        ]),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_read_gold_flattens_spans_and_derives_types(gold_file):
    documents = evaluate.read_gold(gold_file)
    assert [d.doc for d in documents] == ["d1", "d2"]
    assert documents[0] == GoldDocument("d1", TEXT, tuple(
        GoldAttribution(a.content, a.source, a.cue, t)
        for a, t in zip(GOLD.attributions, ("direct", "indirect", "mixed"), strict=True)))
    quote = documents[1].attributions[0]
    assert [SECOND[s:e] for s, e in quote.content] == ["I think,", "we will win."]
    assert quote.quote_type == "direct" and documents[1].attributions[1].quote_type == "indirect"
    assert [d.doc for d in evaluate.read_gold(gold_file, limit=1)] == ["d1"]


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "gold.jsonl:2: not valid JSON"),
    ('{"doc": "z"}', "gold.jsonl:2: needs string fields"),
    (polnear_line("z", "short", [{"content": [{"ranges": [[0, 99]]}]}]), "outside the text"),
    (polnear_line("z", "short", [{"content": [{"ranges": [[0, "a"]]}]}]), "not a pair of integers"),
    (polnear_line("d1", "again", []), "appears twice"),
])
def test_bad_gold_is_a_one_line_input_error(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(polnear_line("d1", TEXT, []) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        evaluate.read_gold(path)


# ---------------------------------------------------------------- ledgers and the command line


def ledger_row(doc: str, text: str, quote: str, quote_type: str, speaker: str | None = None,
               cue: str | None = None, number: int = 1) -> ledger.LedgerRow:
    q = at(quote, text)[0]
    s = at(speaker, text)[0] if speaker else (None, None)
    c = at(cue, text)[0] if cue else (None, None)
    return ledger.LedgerRow(
        source_file=None, doc=doc, lang="en", quote_id=f"{doc}:{number}", quote_type=quote_type,
        quote=quote, quote_original=quote, quote_start=q[0], quote_end=q[1], quote_en_start=q[0],
        quote_en_end=q[1], speaker=speaker, speaker_start=s[0], speaker_end=s[1], speaker_resolved=speaker,
        speaker_role=None, cue=cue, cue_start=c[0], cue_end=c[1], outlet=None, channel=None,
        published_by=None, sentence_index=0)


def partial_ledger():
    """The PARTIAL predictions for d1 as ledger rows, d2 left empty, and a row for a document not in gold."""
    return ledger.build([
        ledger_row("d1", TEXT, "We will", "direct", "Smith", "said", 1),
        ledger_row("d1", TEXT, "taxes rose.", "indirect", "Lee", "argued", 2),
        ledger_row("d1", TEXT, "Lee called", "direct", number=3),
        ledger_row("elsewhere", TEXT, "Lee", "direct"),
    ])


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_cli_scores_a_ledger_file(gold_file, tmp_path, suffix):
    frame = partial_ledger()
    path = tmp_path / f"ledger.{suffix}"
    {"csv": frame.write_csv, "jsonl": frame.write_ndjson, "parquet": frame.write_parquet}[suffix](path)
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--ledger", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    # d1 as in the hand-computed case; d2 adds two gold quotes (15 + 14 characters) and no prediction
    assert payload["documents"] == 2 and payload["gold_quotes"] == 5 and payload["predicted_quotes"] == 3
    at_03 = payload["overall"]["detection@0.3"]
    assert (at_03["gold_matched"], at_03["predicted_matched"]) == (2, 2)
    assert at_03["precision"] == round(2 / 3, 4) and at_03["recall"] == 0.4
    assert payload["overall"]["exact"]["gold_matched"] == 1
    assert payload["overall"]["characters"]["gold"] == 38 + 15 + 14
    assert payload["overall"]["speaker_accuracy"] == {"accuracy": 0.5, "correct": 1, "matches": 2}
    assert payload["by_type"]["direct"]["detection@0.3"]["gold"] == 2
    # the same ledger through the Python API gives the same numbers
    documents = evaluate.read_gold(gold_file)
    run = evaluate.predictions_from_ledger(evaluate.read_ledger(path), documents)
    assert evaluate.report_to_json(evaluate.score(documents, run.predictions)) == result.stdout.strip()
    assert run.notes == ("ignored ledger rows of 1 document(s) not in the gold set",)


def test_cli_prints_tables_and_honours_limit(gold_file, tmp_path):
    path = tmp_path / "ledger.csv"
    partial_ledger().write_csv(path)
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--ledger", str(path), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.stdout
    assert "GGT@0.3" in result.stdout and "exact content" in result.stdout and "speaker acc" in result.stdout
    assert "0.667" in result.stdout  # P = R = F1 = 2/3 on d1 alone


def test_cli_regex_baseline(gold_file):
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--baseline", "regex", "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    # quoted: "We will win." and "a disaster" in d1; "I think," and "we will win." in d2.
    # The first matches gold 1; "a disaster" covers 9 of the 20 characters of the mixed gold (>= 0.3);
    # the two halves of d2's quote compete for one gold: the longer half (9 of 15 characters) wins.
    at_03 = overall["detection@0.3"]
    assert (at_03["gold"], at_03["predicted"], at_03["predicted_matched"]) == (5, 4, 3)
    assert overall["exact"]["predicted_matched"] == 1
    assert overall["speaker_accuracy"] == {"accuracy": 0.0, "correct": 0, "matches": 3}


@pytest.mark.parametrize(("extra", "message"), [
    (["--baseline", "textacy"], "unknown baseline"),
    (["--baseline", "regex", "--ledger", "x.csv"], "exclusive"),
    (["--ledger", "missing.csv"], "ledger file not found"),
])
def test_cli_bad_options_fail_in_one_line(gold_file, tmp_path, extra, message):
    result = CliRunner().invoke(app, ["eval", str(gold_file), *extra])
    assert result.exit_code == 1 and message in " ".join(result.output.split())


def test_cli_bad_ledger_fails_in_one_line(gold_file, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("doc,quote_start\nd1,3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--ledger", str(path)])
    assert result.exit_code == 1
    assert "lacks column(s) quote_end, quote_type" in " ".join(result.output.split())
    partial_ledger().with_columns(quote_end=pl.lit(10_000)).write_csv(path)
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--ledger", str(path)])
    assert result.exit_code == 1 and "outside the gold text" in " ".join(result.output.split())


def test_rows_sharing_speaker_and_cue_are_one_relation():
    text = '"We will win," Smith said. "Taxes will fall." Jones said "no."'
    gold = GoldDocument(doc="r", text=text, attributions=(
        GoldAttribution(content=at("We will win,", text) + at("Taxes will fall.", text),
                        source=at("Smith", text), cue=at("said", text)),
    ))
    pieces = (
        PredictedAttribution(content=at("We will win,", text), speaker=at("Smith", text), cue=at("said", text)),
        PredictedAttribution(content=at("Taxes will fall.", text), speaker=at("Smith", text), cue=at("said", text)),
        PredictedAttribution(content=at("no.", text)),  # no speaker or cue span: never merged
        PredictedAttribution(content=at("Jones", text)),
    )
    merged = evaluate.relations(pieces)
    assert len(merged) == 3
    assert merged[0].content == at("We will win,", text) + at("Taxes will fall.", text)
    assert merged[0].quote_type == "direct"
    # scored as one prediction: the gold relation is matched exactly, nothing is double counted
    report = score([gold], {"r": merged[:1]})
    assert report.overall.exact.f1 == 1.0
    unmerged = score([gold], {"r": pieces[:2]})
    assert unmerged.overall.detection[0].precision == 0.5


def test_a_new_paragraph_starts_a_new_relation():
    text = '"We will win," Smith said. "Taxes will fall."\n\n"Jobs will come back."'
    pieces = tuple(
        PredictedAttribution(content=at(fragment, text), speaker=at("Smith", text), cue=at("said", text))
        for fragment in ("We will win,", "Taxes will fall.", "Jobs will come back.")
    )
    merged = evaluate.relations(pieces, text)
    assert [m.content for m in merged] == [at("We will win,", text) + at("Taxes will fall.", text),
                                           at("Jobs will come back.", text)]
    assert len(evaluate.relations(pieces)) == 1  # without the text, paragraphs are unknown
