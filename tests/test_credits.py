"""Wire-service credit read from the text: the narrator's claims belong to the agency that wrote the story."""
from __future__ import annotations

import pytest

from kg.credits import credited, wire_service
from kg.types import Article


@pytest.mark.parametrize("text, agency", [
    ("Three government sources told Reuters that the plan was ready.", "Reuters"),
    ("He said the talks will continue, reported The Associated Press.", "AP"),
    ("ANKARA (AFP) - The commission voted on Wednesday.", "AFP"),
    ("The Post has learned that the escort was cancelled.", None),
    ("Putin urged restraint, according to the Tass news agency.", None),  # citing an agency is not being it
    ("Reuters said it could not verify the video. The minister told Reuters it was fake. "
     "Officials told The Associated Press otherwise. Another source told Reuters the same.", "Reuters"),
])
def test_wire_service_from_text(text: str, agency: str | None) -> None:
    assert wire_service(text) == agency


def test_metadata_wins_over_the_text() -> None:
    article = Article(text="Sources told Reuters the deal was done.", origin="x", wire_service="AP")
    assert credited(article).wire_service == "AP"
    assert credited(Article(text="Sources told Reuters the deal was done.", origin="x")).wire_service == "Reuters"
