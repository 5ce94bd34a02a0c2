"""The links between one story's statements: each statement becomes a `disputes.Voice` (its
speaker's side, as the story's own articles describe the speakers; its article's order; its
content's embedding), and `disputes.link_statements` links the new ones to the earlier ones
and back. Pure but for `texts_of`, which reads the articles' texts for the descriptions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from counterclaim.link.disputes import ContradictionFn, DisputeOptions, link_statements, voice_of
from counterclaim.link.sides import described_speakers
from counterclaim.model import Link, StoredStatement
from counterclaim.nlp.aliases import AliasRegistry


def story_statement_links(
    story_id: str,
    new: Sequence[tuple[StoredStatement, np.ndarray]],
    earlier: Sequence[tuple[StoredStatement, np.ndarray]],
    order: Mapping[str, int],
    registry: AliasRegistry,
    texts_of: Callable[[list[str]], list[str]],
    contradiction: ContradictionFn | None,
    options: DisputeOptions,
    elsewhere: Callable[[str, list[str]], list[str]] | None = None,
) -> list[Link]:
    """The story's links from its new statements (with their content vectors; `order`: their
    articles' `seq`) to its earlier ones (with theirs; their `seq` is their own) and back.
    `elsewhere(entity_id, article_ids)`: texts of the archive's other articles about the
    speakers their own articles do not describe (see `sides.described_speakers`)."""
    described = described_speakers(
        [s for s, _ in new] + [s for s, _ in earlier], texts_of, registry, elsewhere
    )
    new_voices = [
        voice_of(s, registry, order[s.article_id], vector, described) for s, vector in new
    ]
    earlier_voices = [voice_of(s, registry, s.seq or 0, vector, described) for s, vector in earlier]
    return [
        replace(link, story_id=story_id)
        for link in link_statements(new_voices, earlier_voices, contradiction, options)
    ]
