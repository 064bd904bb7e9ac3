"""Floors on the example sets written apart from the sample one (``seeds/sets/``).

Each set has its own reference corpus, a true article and a doctored copy with planted errors.
The assisted-dying set was written before the verification stage was tuned; every other set after
it, each run once unseen before anything was changed for it (their first figures are in
``docs/benchmarks.md``). The floors are today's figures, so a change that makes the tool refute more
true statements, or catch fewer planted errors, fails here. The goals (every planted error refuted,
90 % of covered true statements supported, none refuted) are the issue's; a set with a true
statement still refuted today (see ``docs/benchmarks.md``) is allowed that many, to be brought to
none. The latest sets run in `make test-sets` only (``MORE_FLOORS``), to keep the default run short.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
from conftest import SEEDS

from factcheck.bench.seeds import doctored_scoreboard
from factcheck.corpus import build, find_sources, load_documents
from factcheck.pipeline import Checker
from factcheck.verify import has_own_model

# set: (most true-article statements refuted, fewest planted errors refuted, fewest covered true supported):
# today's figures (``docs/benchmarks.md``), the two counts less one for the int8 model's small
# machine-to-machine drift.
FLOORS = {"assisted-dying-vote": (0, 3, 9), "chevron-ruling": (0, 2, 11), "rate-cut": (0, 2, 7),
          "starship-flight-5": (0, 7, 6), "uk-election-2024": (0, 0, 8), "euro-2024-final": (0, 4, 10),
          "hualien-earthquake-2024": (0, 2, 11), "bankman-fried-verdict": (0, 3, 9),
          "key-bridge-collapse-2024": (0, 5, 13), "lahaina-wildfire-2023": (0, 0, 8),
          "who-covid-emergency-end": (0, 2, 8), "dart-asteroid-impact": (0, 0, 11),
          "nvidia-results-may-2023": (0, 0, 9), "east-palestine-derailment": (0, 3, 10),
          "hurricane-otis-2023": (0, 4, 13), "wimbledon-2023-final": (0, 2, 11),
          "alaska-1282-door-plug": (0, 2, 7), "leqembi-approval-2023": (0, 3, 5),
          "mexico-election-2024": (0, 2, 9), "valencia-floods-2024": (0, 2, 6),
          "chandrayaan-3-landing": (0, 0, 6), "google-search-antitrust-ruling": (0, 2, 8),
          "morocco-earthquake-2023": (0, 1, 7), "super-bowl-lviii": (0, 1, 5), "uaw-strike-2023": (0, 3, 4),
          "activision-deal-closes": (0, 5, 5), "ecb-first-cut-2024": (0, 1, 5),
          "grindavik-eruption-2023": (0, 2, 5), "svb-collapse-2023": (0, 2, 7),
          "argentina-election-2023": (0, 2, 4), "coronation-charles-2023": (0, 0, 7),
          "paris-2024-opening-ceremony": (0, 0, 8), "vision-pro-launch-2024": (1, 2, 2),
          "nobel-peace-2023": (0, 3, 8), "titan-submersible-2023": (0, 3, 4), "phoenix-heat-2023": (0, 4, 8)}


# The latest sets, run in `make test-sets` (FACTCHECK_MORE_SETS=1) to keep the default run short.
MORE_FLOORS: dict[str, tuple[int, int, int]] = {"taiwan-election-2024": (0, 4, 4), "debt-ceiling-deal-2023": (0, 1, 9),
               "crowdstrike-outage-2024": (0, 1, 3), "womens-world-cup-final-2023": (0, 1, 6),
               "turkey-syria-earthquake-2023": (0, 0, 5), "openai-altman-ouster-2023": (0, 5, 4),
               "iowa-caucuses-2024": (0, 0, 7), "reddit-ipo-2024": (0, 2, 7), "eurovision-2024": (0, 5, 5),
               "derna-floods-2023": (0, 0, 3), "credit-suisse-ubs-2023": (0, 0, 6),
               "mccarthy-ousted-2023": (0, 5, 8), "finland-joins-nato-2023": (0, 2, 6),
               "noto-earthquake-2024": (0, 0, 6), "odysseus-moon-landing-2024": (0, 0, 3),
               "trump-hush-money-verdict-2024": (0, 1, 7), "tour-de-france-2023": (0, 0, 5),
               "south-korea-martial-law-2024": (0, 3, 7), "sunak-prime-minister-2022": (0, 2, 10),
               "ireland-referendums-2024": (0, 1, 4), "india-election-results-2024": (0, 2, 4),
               "wagner-mutiny-2023": (0, 7, 6), "musk-twitter-deal-2022": (0, 2, 6),
               "artemis-1-launch-2022": (0, 1, 4), "world-cup-final-2022": (0, 2, 5),
               "affirmative-action-ruling-2023": (0, 3, 8), "conclave-2025": (0, 4, 8),
               "la-wildfires-2025": (0, 4, 8), "iberian-blackout-2025": (0, 1, 7),
               "notre-dame-reopening-2024": (0, 5, 9), "starliner-crew-flight-2024": (0, 0, 8),
               "fukushima-water-release-2023": (0, 1, 7), "germany-election-2025": (0, 3, 3),
               "jimmy-carter-death-2024": (0, 3, 5), "bangladesh-hasina-resigns-2024": (0, 2, 10),
               "assad-falls-2024": (0, 3, 13), "hurricane-helene-2024": (0, 4, 10),
               "canada-election-2025": (0, 2, 13), "myanmar-earthquake-2025": (0, 1, 6),
               "nobel-physics-2024": (0, 4, 13), "sri-lanka-election-2024": (0, 0, 8),
               "boeing-strike-2024": (0, 1, 7), "south-africa-election-2024": (0, 1, 9),
               "japan-election-2024": (0, 1, 8), "copa-america-final-2024": (0, 2, 11),
               "boj-ends-negative-rates-2024": (0, 2, 9), "dubai-floods-2024": (0, 0, 10),
               "biles-all-around-2024": (1, 0, 8), "netherlands-election-2023": (0, 3, 10),
               "thailand-marriage-equality-2024": (0, 1, 10), "portugal-election-2024": (0, 1, 11),
               "poland-election-2023": (0, 2, 7), "queen-elizabeth-death-2022": (0, 0, 10),
               "change-6-return-2024": (0, 2, 13), "champions-league-final-2024": (0, 3, 7),
               "solar-eclipse-2024": (0, 1, 11), "mpox-emergency-2024": (0, 2, 10),
               "ohtani-50-50-2024": (0, 2, 9), "france-election-2024": (0, 1, 8),
               "raisi-helicopter-crash-2024": (0, 5, 8), "djokovic-olympic-gold-2024": (0, 0, 3),
               "europa-clipper-launch-2024": (1, 0, 9), "bitcoin-etf-approval-2024": (0, 0, 9),
               "hurricane-milton-2024": (0, 2, 6), "indonesia-election-2024": (0, 1, 4),
               "ishiba-ldp-leader-2024": (0, 0, 11), "sweden-joins-nato-2024": (0, 1, 8),
               "senegal-election-2024": (0, 4, 12), "sinner-us-open-2024": (0, 0, 7),
               "new-zealand-election-2023": (0, 0, 9), "han-kang-nobel-2024": (0, 5, 7),
               "ingenuity-final-flight-2024": (0, 1, 6), "fico-shooting-2024": (0, 1, 10),
               "cop28-agreement-2023": (1, 1, 9), "osiris-rex-sample-2023": (0, 3, 8),
               "nobel-chemistry-2024": (0, 1, 13), "tiktok-law-2024": (0, 5, 5),
               "greece-same-sex-marriage-2024": (0, 3, 14), "slim-moon-landing-2024": (0, 3, 7),
               "mike-johnson-speaker-2023": (0, 1, 8), "kate-cancer-announcement-2024": (0, 3, 9),
               "crocus-city-hall-attack-2024": (0, 1, 8), "maldives-election-2023": (0, 1, 12),
               "truss-resigns-2022": (0, 4, 10), "g20-delhi-2023": (0, 3, 11), "psyche-launch-2023": (1, 2, 8),
               "cybertruck-deliveries-2023": (0, 1, 8), "nyt-openai-lawsuit-2023": (0, 3, 10),
               "eu-ai-act-vote-2024": (0, 2, 10), "hong-kong-article-23-2024": (0, 1, 10),
               "lyles-100m-2024": (0, 2, 9), "yousaf-resigns-2024": (0, 0, 10), "iran-election-2024": (0, 2, 12),
               "botswana-election-2024": (1, 2, 8), "rwanda-ruling-2023": (0, 4, 12),
               "navalny-death-2024": (0, 1, 9), "croatia-euro-2023": (2, 2, 11), "nikkei-record-2024": (0, 1, 13),
               "usyk-fury-2024": (0, 2, 11), "srettha-removed-2024": (0, 4, 7),
               "messi-ballon-dor-2023": (0, 1, 10), "panama-election-2024": (0, 0, 7),
               "iceland-president-2024": (0, 1, 10), "hurricane-beryl-2024": (0, 2, 8),
               "apple-eu-fine-2024": (0, 1, 7), "haiti-henry-resigns-2024": (0, 2, 12),
               "gukesh-world-champion-2024": (0, 0, 13), "dodgers-world-series-2024": (0, 0, 8),
               "scholz-confidence-vote-2024": (0, 0, 10), "romania-election-annulled-2024": (0, 0, 10),
               "moldova-eu-referendum-2024": (0, 0, 7), "jeju-air-crash-2024": (0, 1, 11),
               "nobel-economics-2024": (2, 1, 10), "australia-social-media-ban-2024": (0, 1, 10),
               "biden-withdraws-2024": (0, 1, 9), "abe-assassination-2022": (0, 1, 10),
               "sanchez-investiture-2023": (1, 2, 11), "rutte-nato-2024": (0, 1, 10),
               "thailand-election-2023": (0, 1, 9), "kenya-finance-bill-protests-2024": (0, 1, 10),
               "oppenheimer-oscars-2024": (0, 2, 11), "yeti-airlines-crash-2023": (0, 3, 11),
               "nigeria-election-2023": (0, 2, 9), "turkey-election-2023": (0, 1, 9),
               "tempi-train-crash-2023": (0, 5, 7), "niger-coup-2023": (0, 2, 8),
               "france-pension-reform-2023": (0, 2, 6), "luna-25-crash-2023": (0, 0, 5),
               "kakhovka-dam-2023": (0, 3, 10), "israel-reasonableness-law-2023": (0, 1, 11),
               "ecuador-election-2023": (0, 2, 11), "chile-constitution-vote-2023": (0, 0, 9),
               "guatemala-election-2023": (0, 1, 12), "liberia-election-2023": (1, 2, 9),
               "prigozhin-plane-crash-2023": (0, 0, 13), "first-republic-bank-2023": (0, 6, 10),
               "writers-strike-ends-2023": (1, 2, 9), "nobel-medicine-2023": (0, 2, 8),
               "man-city-treble-2023": (0, 3, 7), "paraguay-election-2023": (0, 0, 7),
               "hurricane-idalia-2023": (0, 2, 8), "binance-plea-2023": (0, 4, 12),
               "pope-francis-death-2025": (0, 2, 12), "rugby-world-cup-final-2023": (0, 4, 9),
               "cricket-world-cup-final-2023": (1, 2, 11), "greece-election-2023": (0, 1, 7),
               "spain-election-2023": (0, 0, 4), "slovakia-election-2023": (0, 3, 8),
               "pakistan-election-2024": (0, 3, 10), "nba-finals-2024": (0, 2, 11),
               "masters-2024": (0, 0, 11), "ariane-6-first-launch-2024": (0, 0, 9),
               "casgevy-approval-2023": (0, 1, 10), "herat-earthquake-2023": (0, 3, 7),
               "brazil-election-2022": (0, 2, 7), "italy-election-2022": (0, 0, 10),
               "australia-voice-referendum-2023": (0, 2, 11), "kenya-election-2022": (0, 5, 7),
               "philippines-election-2022": (0, 2, 11), "hurricane-ian-2022": (0, 0, 8),
               "super-bowl-lvii-2023": (1, 4, 11), "nobel-literature-2023": (0, 4, 13),
               "dobbs-ruling-2022": (1, 1, 10), "colombia-election-2022": (0, 0, 12),
               "gorbachev-death-2022": (0, 2, 14), "womens-euro-2022-final": (0, 2, 13),
               "jwst-first-images-2022": (0, 3, 13), "boe-rate-hike-aug-2023": (0, 1, 10),
               "pakistan-floods-2022": (0, 3, 7), "djokovic-us-open-2023": (0, 3, 13),
               "nif-fusion-ignition-2022": (0, 3, 10), "chinese-balloon-2023": (1, 3, 11),
               "sturgeon-resigns-2023": (0, 1, 12), "ardern-resigns-2023": (0, 0, 8),
               "peru-castillo-ousted-2022": (0, 1, 12), "berlusconi-death-2023": (1, 0, 10),
               "verstappen-third-title-2023": (0, 0, 10), "sudan-fighting-2023": (0, 3, 9)}
MORE = os.environ.get("FACTCHECK_MORE_SETS") == "1"


@pytest.fixture(scope="module", params=sorted(FLOORS) + [
    pytest.param(name, marks=pytest.mark.skipif(not MORE, reason="run by make test-sets")) for name in sorted(MORE_FLOORS)])
def example_set(request, tmp_path_factory, embedder):
    folder = SEEDS / "sets" / request.param
    docs = [d for f in find_sources([folder / "reference"]) for d in load_documents(f)]
    checker = Checker(build(tmp_path_factory.mktemp(request.param) / "index", [docs], embedder))
    read = lambda name: (folder / name).read_text(encoding="utf-8")  # noqa: E731
    board = doctored_scoreboard(checker.check(read("article-doctored.txt")),
                                json.loads(read("article-doctored.planted.json")), json.loads(read("article.claims.json")))
    true_report = checker.check(read("article.txt"))
    return request.param, board, Counter(c.verdict for c in true_report.checks if c.claim.kind == "statement")


@pytest.mark.skipif(not has_own_model(), reason="no trained stance model")
def test_example_sets_hold_their_floors(example_set):
    name, board, true_verdicts = example_set
    most_refuted, planted_floor, true_floor = {**FLOORS, **MORE_FLOORS}[name]
    planted = sum(ok for ok, _ in board["planted"])
    supported = sum(ok for ok, _ in board["true"])
    print(f"\n{name}: planted refuted {planted}/{len(board['planted'])}, covered true supported "
          f"{supported}/{len(board['true'])}, true article statements {dict(true_verdicts)}")
    assert true_verdicts["refuted"] <= most_refuted, true_verdicts
    assert planted >= planted_floor, [line for ok, line in board["planted"] if not ok]
    assert supported >= true_floor, [line for ok, line in board["true"] if not ok]
