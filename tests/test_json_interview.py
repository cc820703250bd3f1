"""An interview exported as JSON: its answers keep their questions and their speaker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from search.coverage import dropped_words
from search.ingest import read
from search.model import Kind


def _read(tmp_path: Path, value: Any) -> list[Any]:
    path = tmp_path / "gespraech.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    assert dropped_words(path) == set()
    return list(read(path, path.name).passages)


def test_answers_beside_the_interviewee_are_theirs(tmp_path):
    passages = _read(
        tmp_path,
        {
            "film": "Die stille Bucht",
            "gespräch": {
                "gast": "Jana Oehlers",
                "rolle": "Regisseurin",
                "einleitung": "Jana Oehlers hat ihren zweiten Film an der Schlei gedreht.",
                "fragen": [
                    {"frage": "Warum die Schlei?", "antwort": "Weil dort das Wasser still ist."},
                    {"frage": "Sie haben im Winter gedreht.", "antwort": "Ja, acht Wochen lang."},
                ],
            },
        },
    )
    answers = [
        (p.speaker, p.role, p.question, p.text) for p in passages if p.kind == Kind.INTERVIEW
    ]
    assert answers == [
        ("Jana Oehlers", "director", "Warum die Schlei?", "Weil dort das Wasser still ist."),
        ("Jana Oehlers", "director", "Sie haben im Winter gedreht.", "Ja, acht Wochen lang."),
    ]
    intro = [p for p in passages if p.kind == Kind.TEXT and "Schlei gedreht" in p.text]
    assert intro and intro[0].speaker is None


def test_each_record_may_name_who_answers(tmp_path):
    passages = _read(
        tmp_path,
        [
            {
                "question": "Where did it begin?",
                "speaker": "Rafael Osei",
                "answer": "A photograph.",
            },
            {"question": "And for you?", "speaker": "Lena Morrow", "answer": "A phone call."},
        ],
    )
    assert [(p.speaker, p.question) for p in passages if p.kind == Kind.INTERVIEW] == [
        ("Rafael Osei", "Where did it begin?"),
        ("Lena Morrow", "And for you?"),
    ]


def test_a_list_that_is_no_questionnaire_stays_text(tmp_path):
    passages = _read(
        tmp_path,
        {
            "reviews": [
                {"critic": "Anna Berg", "text": "Ein stiller, genauer Film über das Warten."}
            ]
        },
    )
    assert {p.kind for p in passages} <= {Kind.TEXT, Kind.TITLE, Kind.REVIEW}
    assert all(p.speaker is None or p.speaker == "Anna Berg" for p in passages)
