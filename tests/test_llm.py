"""The optional LLM path with LangChain's fake chat model: decomposition and verification through the
real ``with_structured_output``, and malformed output (a clear message, the offline result shown)."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import run_cli
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from factcheck.extract.llm import LLMExtractor
from factcheck.llm import LLMError
from factcheck.pipeline import Checker, with_llm

ARTICLE = ("Russian and US diplomats met in Geneva on 27 February 2025 to discuss embassy operations.\n\n"
           "The talks lasted about six hours, officials said.\n")


class StructuredFake(GenericFakeChatModel):
    """The stock fake, able to give structured output: binding tools returns the model itself, so
    the real ``with_structured_output`` parses the tool calls of its scripted messages."""

    def bind_tools(self, tools, **kwargs):
        return self


def call(name: str, args: dict) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call-{name}"}])


DECOMPOSITION = call("Decomposition", {"claims": [
    {"sentence": 1, "text": "Russian and US diplomats met in Geneva on 27 February 2025."},
    {"sentence": 2, "text": "The talks between Russian and US diplomats lasted about six hours.",
     "speaker": "officials"}]})


def verdicts(*rows: tuple[int, bool, str]) -> AIMessage:
    return call("PassageVerdicts", {"passages": [{"passage": n, "relevant": r, "stance": s, "reason": "scripted"}
                                                 for n, r, s in rows]})


@pytest.fixture
def checker(small_index) -> Checker:
    return Checker(small_index, k=2)


def test_claims_decomposed_and_passages_judged_by_the_llm(checker):
    model = StructuredFake(messages=iter([DECOMPOSITION,
                                          verdicts((1, True, "refute"), (2, False, "support")),
                                          verdicts((1, True, "support"), (2, True, "neutral"))]))
    report = with_llm(checker, model).check(ARTICLE, title="talks")
    assert [c.claim.text for c in report.checks] == [
        "Russian and US diplomats met in Geneva on 27 February 2025.",
        "The talks between Russian and US diplomats lasted about six hours."]
    first, second = report.checks
    assert ARTICLE[first.claim.start:first.claim.end].startswith("Russian and US diplomats met in Geneva")
    assert ARTICLE[second.claim.start:second.claim.end].startswith("The talks lasted")
    assert second.claim.speaker == "officials" and "decomposed by the LLM" in first.claim.notes
    assert first.evidence[0].passage.source.doc_id == "istanbul"
    assert [(e.relevant, e.stance) for e in first.evidence] == [(True, "refute"), (False, "neutral")]
    assert [(e.relevant, e.stance) for e in second.evidence] == [(True, "support"), (True, "neutral")]
    assert first.verdict is not None and second.verdict is not None
    assert not report.notes


def test_malformed_decomposition_falls_back_to_the_rules(checker):
    offline = checker.check(ARTICLE)
    bad = call("Decomposition", {"claims": [{"sentence": "the first one", "text": 7}]})
    llm_checker = with_llm(checker, StructuredFake(messages=iter([bad] + [verdicts((1, True, "neutral"), (2, True, "neutral"))] * 9)))
    report = llm_checker.check(ARTICLE)
    assert [c.claim.text for c in report.checks] == [c.claim.text for c in offline.checks]
    assert "claim decomposition: the LLM" in report.notes[0] and "malformed output" in report.notes[0]
    assert "rule-based claims are shown" in report.notes[0] and "\n" not in report.notes[0]
    assert llm_checker.llm_problems == report.notes


def test_decomposition_naming_a_missing_sentence_or_no_tool_call_is_an_error():
    wrong = call("Decomposition", {"claims": [{"sentence": 9, "text": "A claim from nowhere."}]})
    with pytest.raises(LLMError, match="names sentence 9, but the article has 2"):
        LLMExtractor(StructuredFake(messages=iter([wrong]))).extract(ARTICLE)
    with pytest.raises(LLMError, match="returned no Decomposition"):
        LLMExtractor(StructuredFake(messages=iter(["Sure! Here are the claims: ..."]))).extract(ARTICLE)


def test_malformed_verification_keeps_the_offline_judgement(checker):
    model = StructuredFake(messages=iter([
        DECOMPOSITION,
        verdicts((1, True, "support"), (2, True, "support")),
        verdicts((1, True, "support"), (5, True, "refute"))]))  # passage 5 was never given
    report = with_llm(checker, model).check(ARTICLE)
    assert any("verification: the LLM judged passages [1, 5]" in n and "offline verification is shown" in n
               for n in report.notes)
    # all or nothing: not even the first claim's well-formed answer was applied; the stances are
    # exactly the offline judge's on the same claims and passages
    same_claims = dataclasses.replace(checker, extractor=LLMExtractor(StructuredFake(messages=iter([DECOMPOSITION]))))
    offline = same_claims.check(ARTICLE)
    judged = [(e.passage.id, e.relevant, e.stance) for c in report.checks for e in c.evidence]
    assert judged == [(e.passage.id, e.relevant, e.stance) for c in offline.checks for e in c.evidence]
    assert [c.verdict for c in report.checks] == [c.verdict for c in offline.checks]
    assert any(stance != "support" for _, _, stance in judged)  # the LLM's "support" everywhere was not taken


def test_cli_llm_that_cannot_load_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    for name, expect in (("nosuchprovider:some-model", "could not be loaded"), ("openai:gpt-4o-mini", "could not be loaded")):
        proc = run_cli("check", str(article), "--llm", name)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: --llm") and expect in lines[0], proc.stderr
