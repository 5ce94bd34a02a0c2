"""Threads for a reader: the storylines the stored stories make (`link.stories.story_threads`),
each named by the actors its stories share. Computed when read, from the stories' main
entities: a thread is a view over stories, never stored and never a merge of them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from counterclaim.link.stories import story_threads
from counterclaim.model import Story, StoryThread
from counterclaim.store.browse import entity_kinds
from counterclaim.store.stories import iter_stories

THREAD_NAMES = 3  # actors named in a thread's label


@dataclass(frozen=True)
class Threads:
    threads: list[StoryThread]
    stories: dict[str, Story]  # every story, by id
    names: dict[str, str]  # entity id → name
    of_story: dict[str, StoryThread] = field(default_factory=dict)

    def label(self, thread: StoryThread) -> str:
        """`Seymour Hersh, Nord Stream (2 stories)`."""
        names = [self.names.get(e, e) for e in thread.entity_ids[:THREAD_NAMES]]
        return f"{', '.join(names)} ({len(thread.story_ids)} stories)"


def load_threads(conn: sqlite3.Connection) -> Threads:
    stories = iter_stories(conn)
    kinds = entity_kinds(conn, {e for s in stories for e in s.entity_ids})
    threads = story_threads(stories, {e: k["type"] for e, k in kinds.items()})
    return Threads(
        threads,
        {s.id: s for s in stories},
        {e: k["name"] for e, k in kinds.items()},
        {story_id: t for t in threads for story_id in t.story_ids},
    )
