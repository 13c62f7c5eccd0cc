"""Helpers for the GIFT tests: parse a snippet expected to hold one good question, read samples."""

from pathlib import Path

import pytest

from quizzes.gift import GiftQuestion, parse_gift

FILES = Path(__file__).parent / "files"


@pytest.fixture
def parse_one():
    def parse(text: str) -> GiftQuestion:
        result = parse_gift(text)
        assert result.errors == []
        assert len(result.questions) == 1
        return result.questions[0]

    return parse


@pytest.fixture
def sample():
    def read(name: str) -> str:
        return (FILES / name).read_text(encoding="utf-8")

    return read
