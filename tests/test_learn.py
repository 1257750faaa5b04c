"""The learned-attribution model: candidates, labels, fitting, and the --learned / learn commands.

The training gold is hand-made: 'relished' (a stance the rules have no cue for) is annotated, 'ate'
is not. A model trained on it must add the first and not the second, on text it never saw.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotekit import evaluate, learn
from quotekit.attribute.learned import LearnedModel, load_model, save_model
from quotekit.cli import app
from quotekit.errors import ModelError
from quotekit.pipeline import extract_text

PEOPLE = ["Mayor Jane Doe", "Senator Tom Reed", "Governor Ann Pike", "Judge Carl Moss", "Mr. Ben Hale",
          "Ms. Rosa Lind", "Dr. Omar Vance", "Chief Lena Cole"]
THINGS = ["the debate with her rivals", "the fight over the budget", "the contest for the seat",
          "the battle over the tax plan", "the race for the nomination", "the clash over the new law",
          "the duel with the press", "the vote on the bridge"]
FOODS = ["the soup in the kitchen", "the rice at the table", "the bread before the meeting",
         "the salad at lunch", "the cake after the vote", "the fish at the hotel", "the pie at home",
         "the stew in the hall"]


def _span(text: str, part: str) -> list[dict]:
    start = text.index(part)
    return [{"ranges": [[start, start + len(part)]], "text": part}]


def gold_line(number: int) -> str:
    person, thing, food = PEOPLE[number % 8], THINGS[number % 8], FOODS[(number + 3) % 8]
    text = f"{person} relished {thing}. The cook ate {food}."
    attribution = {"source": _span(text, person), "cue": _span(text, "relished"), "content": _span(text, thing)}
    return json.dumps({"doc": f"d{number}", "text": text, "attributions": [attribution]})


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("learn") / "gold.jsonl"
    path.write_text("\n".join(gold_line(n) for n in range(10)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def labelled(gold_file):
    return learn.parse_and_label(evaluate.read_gold(gold_file))


@pytest.fixture(scope="module")
def model(labelled):
    return learn.train(labelled)


def test_candidates_the_gold_covers_are_the_positives(labelled):
    by_verb = {}
    for document in labelled:
        assert document.rows == ()  # the rules have no cue in these texts
        for cand, label in zip(document.candidates, document.labels, strict=True):
            by_verb.setdefault((cand.verb.lemma, cand.subject is not None), set()).add(label)
    assert by_verb[("relish", True)] == {1}  # the gold's content, cue and source
    assert by_verb[("relish", False)] == {0}  # right content and cue, but the gold names a source
    assert by_verb[("eat", True)] == by_verb[("eat", False)] == {0}


def test_a_verb_proposes_its_complements_and_its_clause_held_by_nobody(labelled):
    document = labelled[0]  # 'Mayor Jane Doe relished the debate with her rivals. The cook ate ...'
    text = document.gold.text
    relished = [(text[c.start:c.end], c.subject.text if c.subject else None)
                for c in document.candidates if c.verb.text == "relished"]
    assert ("the debate", "Mayor") in relished  # the parse heads the name with its title
    assert ("Mayor Jane Doe relished the debate with her rivals", None) in relished


def test_fit_weighs_a_feature_by_what_it_predicts():
    examples = [(("b", "good"), 1)] * 8 + [(("b", "bad"), 0)] * 8 + [(("b", "good"), 0), (("b", "bad"), 1)]
    weights = learn.fit(examples, l2=1.0)
    assert weights["good"] > 1.0 > -1.0 > weights["bad"]
    assert learn.fit([]) == {}


def test_a_trained_model_adds_the_learned_cue_on_unseen_text(model, tmp_path):
    assert model.threshold < 1.0
    text = "Coach Maria Soto relished the rematch. The waiter ate the noodles."
    path = tmp_path / "model.json"
    save_model(model, path)
    with_model = extract_text(text, learned=path)
    rows = with_model.select("quote", "speaker", "cue", "quote_type", "method").rows()
    assert rows == [("the rematch", "Maria Soto", "relished", "indirect", "learned")]
    assert extract_text(text).height == 0  # the rules alone find nothing


def test_the_rules_rows_stay_as_they_were(model, tmp_path):
    text = 'Mayor Jane Doe said the bridge will open in May. "It is a good day," she said.'
    path = tmp_path / "model.json"
    save_model(model, path)
    rules = extract_text(text)
    both = extract_text(text, learned=path)
    assert rules["method"].to_list() == ["rules", "rules"]
    assert both.filter(both["method"] == "rules").drop("method").equals(rules.drop("method"))


def test_no_threshold_qualifies_when_speakers_may_not_get_worse_at_all_costs(labelled):
    # a drop below zero asks for speaker accuracy above the rules' by more than any score can be
    assert learn.train(labelled, max_speaker_drop=-1.5).threshold == 1.0
    assert learn.train(labelled, max_speaker_drop=0.0).threshold < 1.0  # these rows name the right speaker


def test_a_model_round_trips_and_a_bad_file_is_a_model_error(tmp_path):
    model = LearnedModel({"b": -1.5, "L=relish": 2.25}, 0.55, "hand-made")
    path = tmp_path / "m.json"
    save_model(model, path)
    assert load_model(path) == model
    assert not (tmp_path / "m.json.tmp").exists()
    broken = '{"format": "quotekit-learned-attributions-1", "threshold": "x", "weights": {}}'
    for name, content in [("empty.json", ""), ("other.json", '{"format": "something else"}'), ("bad.json", broken)]:
        (tmp_path / name).write_text(content, encoding="utf-8")
        with pytest.raises(ModelError, match=name):
            load_model(tmp_path / name)


def test_cli_learn_then_eval_with_the_model_finds_more(gold_file, tmp_path):
    path = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["learn", str(gold_file), "-o", str(path), "--limit", "8"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "threshold" in result.output
    assert load_model(path).about.endswith("8 documents")
    plain = CliRunner().invoke(app, ["eval", str(gold_file), "--json"])
    learned = CliRunner().invoke(app, ["eval", str(gold_file), "--json", "--learned", str(path)])
    assert plain.exit_code == 0 and learned.exit_code == 0, learned.output
    recall = [json.loads(r.stdout)["overall"]["detection@0.3"]["recall"] for r in (plain, learned)]
    assert recall == [0.0, 1.0]


def test_cli_a_missing_model_fails_in_one_line_before_any_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Mayor Jane Doe said the bridge will open.", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["extract", str(article), "--learned", str(tmp_path / "none.json"),
                                      "-o", str(out)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())  # one line, wrapped by the test terminal's width
    assert message.startswith("error: cannot read learned model") and message.count("error") == 1
    assert "none.json: No such file or directory" in message
    assert not out.exists()
    result = CliRunner().invoke(app, ["eval", str(article), "--ledger", str(out), "--learned", "m.json"])
    assert result.exit_code == 1 and "--learned" in result.output
