"""`eval`: accuracy against public benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from counterclaim.cli.options import config_option, stdout_console


def existing_file(name: str, parameter: str, help: str):
    """A required option naming a file that exists."""
    return click.option(
        name,
        parameter,
        required=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help,
    )


def console_unless_json(result: dict, as_json: bool):
    """With --json, print the figures as one JSON object and return None; else the console
    for the text form."""
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return None
    return stdout_console()


@click.group("eval")
def eval_group() -> None:
    """Measure accuracy on public benchmarks (data paths are given, never bundled).

    \b
    Example:
        counterclaim eval attribution --data ../shared/data/attribution/polnear/dev
        counterclaim eval clustering --data ../shared/data/clustering/ecbplus/dev.jsonl
        counterclaim eval ptc --articles ../shared/data/ptc/train/train-articles \\
            --labels ../shared/data/ptc/train/train-task-flc-tc.labels --split heldout
        counterclaim eval fnc1 --bodies competition_test_bodies.csv \\
            --stances competition_test_stances.csv
        counterclaim eval disputes --data ../shared/data/disputes
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
    console = console_unless_json(result, as_json)
    if console is None:
        return
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
@existing_file(
    "--data", "data_file", "JSONL, one document a line: text, event_cluster (gold), optional date."
)
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_clustering(data_file: Path, config_file: str | None, as_json: bool) -> None:
    """Story clustering: pairwise and BCubed precision, recall, F1 against gold clusters.

    All documents go through one incremental clusterer with the production features; only
    `text`, `date` and the gold label are read.

    \b
    Example:
        counterclaim eval clustering --data ../shared/data/clustering/ecbplus/dev.jsonl --json
    """
    from counterclaim.eval.clustering import evaluate, load_documents, pipeline_featurizer
    from counterclaim.link.options import LinkOptions

    try:
        documents = load_documents(data_file)
        options = LinkOptions.load(config_file).stories
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(documents, pipeline_featurizer(), options)
    console = console_unless_json(result, as_json)
    if console is None:
        return
    clusters = result["clusters"]
    console.print(
        f"{result['docs']} documents, {clusters['gold']} gold clusters, "
        f"{clusters['predicted']} predicted, {result['docs_per_s']} docs/s"
    )
    console.print(f"{'metric':<9} {'P':>6} {'R':>6} {'F1':>6}")
    for name in ("pairwise", "bcubed"):
        figures = result[name]
        console.print(f"{name:<9} {figures['p']:>6.3f} {figures['r']:>6.3f} {figures['f1']:>6.3f}")


@eval_group.command("ptc")
@click.option(
    "--articles",
    "articles_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of article<ID>.txt files (PTC layout).",
)
@click.option(
    "--labels",
    "labels_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TC labels: id<TAB>technique<TAB>start<TAB>end per line.",
)
@click.option(
    "--split",
    type=click.Choice(["all", "heldout", "train"]),
    default="all",
    show_default=True,
    help="Only the articles of this part of PTC train: heldout = sha256(id) % 5 == 0, "
    "never trained or tuned on.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_ptc(articles_dir: Path, labels_file: Path, split: str, as_json: bool) -> None:
    """Propaganda techniques: span identification (official partial-overlap P, R, F1 on merged
    spans) and technique classification of the gold spans (micro-F1, per-technique F1).

    \b
    Example:
        counterclaim eval ptc --articles ../shared/data/ptc/train/train-articles \\
            --labels ../shared/data/ptc/train/train-task-flc-tc.labels --split heldout --json
    """
    from counterclaim.eval.ptc import evaluate, load_articles, model_predictor

    try:
        articles = load_articles(articles_dir, labels_file, split)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(articles, model_predictor())
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    console = stdout_console()
    si, tc = result["si"], result["tc"]
    console.print(
        f"{result['articles']} articles, {result['gold_spans']} gold spans, "
        f"{result['predicted_spans']} predicted spans, {result['articles_per_s']} articles/s"
    )
    console.print(f"SI  P {si['p']:.4f}  R {si['r']:.4f}  F1 {si['f1']:.4f}")
    console.print(f"TC  micro-F1 {tc['micro_f1']:.4f}")
    for technique, f1 in tc["per_class"].items():
        console.print(f"    {technique:<36} F1 {f1:.4f}", markup=False)


@eval_group.command("fnc1")
@existing_file("--bodies", "bodies_csv", "FNC-1 bodies CSV: Body ID, articleBody.")
@existing_file("--stances", "stances_csv", "FNC-1 stances CSV: Headline, Body ID, Stance (gold).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_fnc1(bodies_csv: Path, stances_csv: Path, as_json: bool) -> None:
    """Stance (agree, disagree, discuss, unrelated): FNC-1 score, macro-F1, per-class F1.

    The FNC-1 score is the official weighting as a percentage of the best possible. The
    shipped model was trained on FNC-1 train: score it on pairs it has not seen (the
    competition test set), or read the cross-validated figures of the training script.

    \b
    Example:
        counterclaim eval fnc1 --bodies competition_test_bodies.csv \\
            --stances competition_test_stances.csv --json
    """
    from counterclaim.eval.fnc1 import evaluate
    from counterclaim.link.stance import LABELS, load_stance_model

    try:
        result = evaluate(bodies_csv, stances_csv, load_stance_model())
    except (OSError, UnicodeDecodeError, KeyError, ValueError) as exc:
        raise click.ClickException(f"{stances_csv}: {exc}") from exc
    console = console_unless_json(result, as_json)
    if console is None:
        return
    console.print(
        f"{result['pairs']} pairs, {result['pairs_per_s']} pairs/s\n"
        f"FNC-1 score {result['fnc_score']:.2f} %, macro-F1 {result['macro_f1']:.3f}"
    )
    console.print(f"{'class':<10} {'F1':>6}")
    for label in LABELS:
        console.print(f"{label:<10} {result['f1'][label]:>6.3f}")
    console.print("gold \\ predicted " + " ".join(f"{label:>9}" for label in LABELS))
    for label, row in zip(LABELS, result["confusion"]["rows_gold_columns_predicted"], strict=True):
        console.print(f"{label:>17} " + " ".join(f"{n:>9}" for n in row))


@eval_group.command("disputes")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A disputes set: gold.json and cases/NN-slug/*.md (the ../shared/data/disputes layout).",
)
@click.option(
    "--export",
    "export_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this `counterclaim export --format json` file instead of running the pipeline.",
)
@click.option(
    "--keep-db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Run into this store (a new file) and keep it to browse; default: a temporary store.",
)
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_disputes(
    data_dir: Path,
    export_file: Path | None,
    keep_db: Path | None,
    config_file: str | None,
    as_json: bool,
) -> None:
    """Claims, speakers, dispute links, stories and spelling groups against a gold disputes set.

    Runs the whole pipeline on the cases (as `counterclaim run DATA/cases` would) into a fresh
    store and scores its export exactly as ../shared/tools/score_disputes.py does, overall and
    per case. How to annotate a set of your own: README, "Evaluating on your own disputes".

    \b
    Example:
        counterclaim eval disputes --data ../shared/data/disputes
        counterclaim eval disputes --data ../shared/data/disputes --keep-db dev.db --json
    """
    import tempfile

    from counterclaim.eval.disputes import evaluate, format_lines, load_gold, score

    try:
        gold = load_gold(data_dir)
        if export_file is not None:
            result = score(json.loads(export_file.read_text(encoding="utf-8")), gold)
        elif keep_db is not None:
            if keep_db.exists():
                raise click.ClickException(f"{keep_db}: exists; --keep-db makes a new store")
            result = evaluate(gold, keep_db, config_file=config_file)
        else:
            with tempfile.TemporaryDirectory(prefix="counterclaim-eval-") as folder:
                result = evaluate(gold, Path(folder) / "disputes.db", config_file=config_file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    console = console_unless_json(result, as_json)
    if console is None:
        return
    for line in format_lines(result):
        console.print(line, markup=False)


COMMANDS = (eval_group,)
