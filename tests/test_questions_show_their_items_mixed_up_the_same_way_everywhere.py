"""Put-in-order and match-pairs questions show their items mixed up, in one fixed order that every format
reads from the model (`shown`): no item is ever in its own place, so the layout gives none of the answer
away, and a handbook, a slide and the e-learning page name the same item by the same letter."""

from __future__ import annotations

import random

import pytest

from coursebuilder.model import MatchQuestion, OrderQuestion, shuffled


@pytest.mark.parametrize("count", range(2, 11))
def test_no_item_is_left_in_its_own_place(count):
    rng = random.Random(count)
    for _ in range(200):
        texts = ["".join(rng.choice("abcdefgh ’“”—") for _ in range(rng.randint(1, 30))) for _ in range(count)]
        order = shuffled(texts)
        assert sorted(order) == list(range(count))
        assert all(order[place] != place for place in range(count)), (texts, order)


def test_the_order_depends_only_on_the_words():
    texts = ["Check everyone is safe", "Agree what happened", "Talk about feelings", "Agree what to change"]
    assert shuffled(texts) == shuffled(list(texts))
    question = OrderQuestion(question="Put these in order.", order=texts)
    assert question.shown == shuffled(texts)
    pairs = MatchQuestion(question="Match them.", pairs=[{"item": t, "match": t.upper()} for t in texts])
    assert pairs.shown == shuffled([t.upper() for t in texts])
