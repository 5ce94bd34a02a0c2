"""`eval`: accuracy against public benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from counterclaim.cli.options import stdout_console


@click.group("eval")
def eval_group() -> None:
    """Measure accuracy on public benchmarks (data paths are given, never bundled).

    \b
    Example:
        counterclaim eval attribution --data ../shared/data/attribution/polnear/dev
        counterclaim eval clustering --data ../shared/data/clustering/ecbplus/dev.jsonl
    """


@eval_group.command("attribution")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder with text/*.txt and brat attributions/*.ann (PolNeAR layout).",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_attribution(data_dir: Path, limit: int | None, as_json: bool) -> None:
    """Cue, source and content spans: exact and token-overlap precision, recall, F1.

    \b
    Example:
        counterclaim eval attribution --data ../shared/data/attribution/polnear/dev --json
    """
    from counterclaim.eval.attribution import ROLES, evaluate, load_gold, pipeline_predictor

    try:
        documents = load_gold(data_dir, limit)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(documents, pipeline_predictor())
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    console = stdout_console()
    console.print(
        f"{result['docs']} documents, {result['statements']} statements, "
        f"{result['docs_per_s']} docs/s, {result['statements_per_s']} statements/s"
    )
    console.print(
        f"{'role':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
    )
    for role in ROLES:
        exact, overlap = result[role]["exact"], result[role]["overlap"]
        console.print(
            f"{role:<8} {exact['p']:>8.3f} {exact['r']:>6.3f} {exact['f1']:>6.3f}   "
            f"{overlap['p']:>9.3f} {overlap['r']:>6.3f} {overlap['f1']:>6.3f}"
        )


@eval_group.command("clustering")
@click.option(
    "--data",
    "data_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL, one document a line: text, event_cluster (gold), optional date.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_clustering(data_file: Path, as_json: bool) -> None:
    """Story clustering: pairwise and BCubed precision, recall, F1 against gold clusters.

    All documents go through one incremental clusterer with the production features; only
    `text`, `date` and the gold label are read.

    \b
    Example:
        counterclaim eval clustering --data ../shared/data/clustering/ecbplus/dev.jsonl --json
    """
    from counterclaim.eval.clustering import evaluate, load_documents, pipeline_featurizer

    try:
        documents = load_documents(data_file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(documents, pipeline_featurizer())
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    console = stdout_console()
    clusters = result["clusters"]
    console.print(
        f"{result['docs']} documents, {clusters['gold']} gold clusters, "
        f"{clusters['predicted']} predicted, {result['docs_per_s']} docs/s"
    )
    console.print(f"{'metric':<9} {'P':>6} {'R':>6} {'F1':>6}")
    for name in ("pairwise", "bcubed"):
        figures = result[name]
        console.print(f"{name:<9} {figures['p']:>6.3f} {figures['r']:>6.3f} {figures['f1']:>6.3f}")


COMMANDS = (eval_group,)
