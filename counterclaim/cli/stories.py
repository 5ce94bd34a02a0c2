"""`stories`: the stories, one laid out side by side, and the user's corrections."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

import click
from rich.markup import escape
from rich.table import Table

from counterclaim.cli.options import db_option, open_db, stdout_console
from counterclaim.model import Story


@click.group("stories")
def stories_group() -> None:
    """Stories: articles about the same event, their sides and disputes.

    \b
    Examples:
        counterclaim stories list
        counterclaim stories show s0041e0305641
        counterclaim stories merge s0041e0305641 s9f8e7d6c5b4a
        counterclaim stories split s0041e0305641 3ba9f36ca0c34871a691
    """


@stories_group.command("list")
@db_option
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Stories to show."
)
@click.option("--contested", is_flag=True, help="Most disputes first (default: latest first).")
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON.")
def stories_list(db_path: str, limit: int, contested: bool, as_json: bool) -> None:
    """Stories, latest first: title, dates, articles, outlets, disputes, and the thread
    (a long-running storyline: stories sharing their actors) each is part of.

    \b
    Example:
        counterclaim stories list --contested --limit 10
    """
    from counterclaim.present.threads import load_threads
    from counterclaim.store.records import story_record

    conn = open_db(db_path, readonly=True)
    counts = {
        r["id"]: dict(r)
        for r in conn.execute("SELECT id, article_count, outlet_count, dispute_count FROM stories")
    }
    threads = load_threads(conn)
    stories = list(threads.stories.values())
    if contested:
        stories.sort(key=lambda s: -counts[s.id]["dispute_count"])
    stories = stories[:limit]

    def thread_of(story: Story) -> dict | None:
        thread = threads.of_story.get(story.id)
        return {"id": thread.id, "label": threads.label(thread)} if thread else None

    if as_json:
        records = [{**story_record(s), **counts[s.id], "thread": thread_of(s)} for s in stories]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table("id", "title", "dates", "articles", "outlets", "disputes", "part of thread")
    for story in stories:
        thread = thread_of(story)
        table.add_row(
            story.id,
            escape(story.title),
            date_span(story),
            str(counts[story.id]["article_count"]),
            str(counts[story.id]["outlet_count"]),
            str(counts[story.id]["dispute_count"]),
            escape(f"{thread['id']}: {thread['label']}") if thread else "",
        )
    stdout_console().print(table)


CLAIMS_SHOWN = 6  # per side (all contested ones, then quiet ones up to this many)
REPLIES_SHOWN = 3  # per claim: disputes and supports first, then answers


def date_span(story: Story) -> str:
    """`2019-08-15 – 2019-08-17`, one date, or `undated` (as the web shows it)."""
    days = sorted({d.isoformat() for d in (story.first_date, story.last_date) if d})
    return " – ".join(days) if days else "undated"


def _who(row: dict) -> str:
    from counterclaim.link.summary import speaker_label

    name = speaker_label(row)
    written = row.get("speaker_text")
    return name if not written or written == name else f"{name} ({written})"


def _summary_json(summary) -> dict:
    """The summary as JSON, each statement as its store row (`stored_statement_row`)."""
    from counterclaim.store.facts import stored_statement_row

    data = asdict(summary)
    for side, side_data in zip(summary.sides, data["sides"], strict=True):
        for claim, claim_data in zip(side.claims, side_data["claims"], strict=True):
            claim_data["statement"] = stored_statement_row(claim.statement)
            for key in ("disputed_by", "supported_by", "answered_by"):
                for reply, reply_data in zip(getattr(claim, key), claim_data[key], strict=True):
                    reply_data["statement"] = stored_statement_row(reply.statement)
    return data


@stories_group.command("show")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole summary as JSON.")
def stories_show(story_id: str, db_path: str, as_json: bool) -> None:
    """One story side by side: each side's claims with the statements disputing them,
    the outlets that carried it, its timeline and its copies.

    \b
    Example:
        counterclaim stories show s0041e0305641 --json
    """
    from counterclaim.present.summary import load_story_summary

    conn = open_db(db_path, readonly=True)
    summary = load_story_summary(conn, story_id)
    if summary is None:
        raise click.ClickException(f"{story_id}: no such story")
    if as_json:
        click.echo(json.dumps(_summary_json(summary), ensure_ascii=False, indent=2, default=str))
        return
    console = stdout_console()
    _print_head(console, conn, summary)
    disputing = {
        r.statement.id for side in summary.sides for c in side.claims for r in c.disputed_by
    }
    for side in summary.sides:
        _print_side(console, side, disputing)
    _print_timeline(console, summary.timeline)
    for chain in summary.provenance:
        console.print(f"\ncopies of {chain['origin_article_id']}: " + ", ".join(chain["copies"]))


def _print_head(console, conn, summary) -> None:
    """The story's title, size, outlets, and the thread it is part of."""
    from counterclaim.present.threads import load_threads

    story = summary.story
    console.print(f"[bold]{escape(story.title)}[/bold]  ({story.id})")
    console.print(
        f"{len(story.article_ids)} article(s), {date_span(story)}; "
        + ", ".join(
            escape(o["name"]) + (" [state-affiliated]" if o["state_affiliated"] else "")
            for o in summary.outlets
        )
    )
    threads = load_threads(conn)
    thread = threads.of_story.get(story.id)
    if thread:
        console.print(f"part of thread {thread.id}: {escape(threads.label(thread))}")
        for other_id in thread.story_ids:
            if other_id != story.id and other_id in threads.stories:
                other = threads.stories[other_id]
                console.print(f"  · {other.id} {escape(other.title)} ({date_span(other)})")


def _print_side(console, side, disputing: set[str]) -> None:
    """One side's claims: as the web view does, contested claims (disputed, supported, or
    disputing another) first; the quiet ones fold after a few."""
    console.print(f"\n[bold underline]{escape(side.label)}[/bold underline]")
    contested = [
        c for c in side.claims if c.disputed_by or c.supported_by or c.statement.id in disputing
    ]
    quiet = [c for c in side.claims if c not in contested]
    shown = contested + quiet[: max(0, CLAIMS_SHOWN - len(contested))]
    for claim in shown:
        _print_claim(console, claim)
    if len(side.claims) > len(shown):
        console.print(
            f"[dim]… and {len(side.claims) - len(shown)} more claim(s) of this side, "
            f"none disputed or supported (--json: all)[/dim]"
        )


def _print_claim(console, claim) -> None:
    """A claim and its first replies (the others counted by relation)."""
    from counterclaim.store.facts import stored_statement_row

    row = stored_statement_row(claim.statement)
    console.print(
        f"• {escape(_who(row))} [dim]{row['act']}, {row['kind']}, "
        f"said {row.get('said_on') or '?'}[/dim]: “{escape(row['content_text'])}”"
    )
    replies = [*claim.disputed_by, *claim.supported_by, *claim.answered_by]
    for reply in replies[:REPLIES_SHOWN]:
        console.print(
            f"    ↳ [bold]{reply.relation}[/bold] ({reply.score:.2f}) by "
            f"{escape(_who(stored_statement_row(reply.statement)))}: "
            f"“{escape(reply.statement.content_text)}”"
        )
    if len(replies) > REPLIES_SHOWN:
        folded = Counter(r.relation for r in replies[REPLIES_SHOWN:])
        console.print(
            f"    [dim]… and {len(replies) - REPLIES_SHOWN} more "
            f"({', '.join(f'{n} {rel}' for rel, n in folded.items())}; --json: all)[/dim]"
        )


def _print_timeline(console, timeline) -> None:
    """One line per event (its first report), in date order."""
    if not timeline:
        return
    console.print("\n[bold]Timeline[/bold]")
    shown = set()
    for event in timeline:
        if event["group_id"] in shown:
            continue
        shown.add(event["group_id"])
        console.print(
            f"  {event['date']} ({event['precision']}, {event['sources']} source(s)): "
            f"{escape(event['text'][:160])}"
        )


@stories_group.command("merge")
@click.argument("keep")
@click.argument("merged")
@db_option
def stories_merge(keep: str, merged: str, db_path: str) -> None:
    """Merge story MERGED into KEEP. Recorded, so that re-analysis keeps it.

    \b
    Example:
        counterclaim stories merge s0041e0305641 s9f8e7d6c5b4a
    """
    from counterclaim.pipeline import correct_stories
    from counterclaim.store.db import transaction

    conn = open_db(db_path)
    try:
        with transaction(conn):
            correct_stories(conn, "merge", keep, merged)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"merged {merged} into {keep}")


@stories_group.command("split")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@db_option
def stories_split(story_id: str, article_ids: tuple[str, ...], db_path: str) -> None:
    """Move ARTICLE_IDS out of STORY_ID into a story of their own. Recorded, so that
    re-analysis keeps it.

    \b
    Example:
        counterclaim stories split s0041e0305641 3ba9f36ca0c34871a691
    """
    from counterclaim.pipeline import correct_stories
    from counterclaim.store.db import transaction

    conn = open_db(db_path)
    try:
        with transaction(conn):
            correct_stories(conn, "split", story_id, None, list(article_ids))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    from counterclaim.store.stories import story_of

    click.echo(f"split {len(article_ids)} article(s) into {story_of(conn, article_ids[0])}")


COMMANDS = (stories_group,)
