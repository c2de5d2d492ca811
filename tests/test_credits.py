"""Wire-service credit read from the text: the narrator's claims belong to the agency that wrote the story."""
from __future__ import annotations

import pytest

from kg.credits import credited, wire_service
from kg.types import Article


@pytest.mark.parametrize("text, agency", [
    ("Three government sources told Reuters that the plan was ready. A diplomat told Reuters it was.", "Reuters"),
    ("He said the talks will continue, reported The Associated Press. Police told The Associated Press so.", "AP"),
    # a BBC story citing one agency interview is not the agency's copy (issue 15: 33 claims in 150 BBC articles)
    ("Economists expect growth. \"It is slowing,\" one economist told Reuters. Shares fell.", None),
    ("He said the talks will continue, reported The Associated Press.", None),
    ("ANKARA (AFP) - The commission voted on Wednesday.", "AFP"),
    ("The Post has learned that the escort was cancelled.", None),
    ("Putin urged restraint, according to the Tass news agency.", None),  # citing an agency is not being it
    ("Reuters said it could not verify the video. The minister told Reuters it was fake. "
     "Officials told The Associated Press otherwise. Another source told Reuters the same.", "Reuters"),
])
def test_wire_service_from_text(text: str, agency: str | None) -> None:
    assert wire_service(text) == agency


def test_metadata_wins_over_the_text() -> None:
    text = "LONDON (Reuters) - Sources told Reuters the deal was done."
    assert credited(Article(text=text, origin="x", wire_service="AP")).wire_service == "AP"
    assert credited(Article(text=text, origin="x")).wire_service == "Reuters"
