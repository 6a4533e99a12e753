"""Would kNN help this model on this data? A sweep over what the trainer does not choose.

The trainer chooses only λ, with the model's document embedding and k = 3, τ = 0.1 (knn_mix.py).
This script scores the mix on dev for other neighbourhoods too, so a "λ = 0" can be told
apart from "kNN was set up badly":
  - embeddings: the model's document embedding (what the engine indexes: step 1's raw
    token space when the model has one, else the graph readout), the graph readout, the
    full TF-IDF vector of the record's tokens (the bag-of-tokens path's own features),
    and the model's probability vector;
  - k in (3, 10, 30), τ in (0.1, 1), λ from knn_mix.LAMBDA_CHOICES;
  - datastores: the clean split (as at training time), and "online": each dev record
    also sees the dev records before it, as if coders had submitted them in order.

Usage (after a training run that kept its checkpoint, e.g. the CodiEsp benchmark's):
  npx clinicoco bundle export --workspace W --out TB
  PYTHONPATH=models python3 models/scripts/knn_sweep.py TB MODEL.checkpoint.pt
Prints micro-F1 over all codes / over the 50 most frequent, each at its best dev threshold,
and how often a dev record's nearest clean record shares a code with it (what a coder
looking at "similar cases" would call relevant).
"""

import sys

import numpy as np
import torch

from clinicoco_train.batching import EncodedRecords, evaluation_batches
from clinicoco_train.training_bundle import read_training_bundle
from clinicoco_train.evaluation import frequent_codes, predict
from clinicoco_train.knn_mix import LAMBDA_CHOICES, knn_probabilities, mix
from clinicoco_train.metrics import best_micro_f1_threshold, classification_metrics
from clinicoco_train.options import parse_options
from clinicoco_train.training import build_model

NEIGHBOURHOODS = [(k, tau) for k in (3, 10, 30) for tau in (0.1, 1.0)]


def main(bundle_dir: str, checkpoint_path: str) -> None:
    torch.set_num_threads(2)
    bundle = read_training_bundle(bundle_dir)
    checkpoint = torch.load(checkpoint_path, weights_only=False)
    # The options only shape the model; the checkpoint's hyper-parameters are the defaults unless changed.
    model = build_model(bundle, parse_options(["--bundle", bundle_dir, "--out", "unused"]))
    model.load_state_dict(checkpoint["progress"]["best"]["state"])
    code_count, frequent = len(bundle.codes), frequent_codes(bundle)

    def run(split: str):
        return predict(model, EncodedRecords.of(bundle.split(split)), code_count, bundle.max_tokens, 16)

    store, dev = run("clean"), run("dev")
    gold = dev.gold
    store_readout, dev_readout = readouts(model, bundle, "clean"), readouts(model, bundle, "dev")

    def scores(probabilities: np.ndarray) -> str:
        def micro_f1(columns) -> float:
            p, g = probabilities[:, columns], gold[:, columns]
            return classification_metrics(p, g, best_micro_f1_threshold(p, g))["micro_f1"]

        return f"{micro_f1(slice(None)):.4f}/{micro_f1(frequent):.4f}"

    print(f"model alone: {scores(dev.probabilities)}")
    tfidf = tf_idf_vectors(bundle, model)
    embeddings = {
        f"model ({store.embeddings.shape[1]} dims)": (store.embeddings, dev.embeddings),
        "readout": (store_readout, dev_readout),
        "tf-idf": (tfidf(bundle.split("clean")), tfidf(bundle.split("dev"))),
        "probabilities": (unit_rows(store.probabilities), unit_rows(dev.probabilities)),
    }
    for name, (stored, queries) in embeddings.items():
        print(f"{name}: nearest shares a code for {nearest_shares_a_code(stored, store.gold, queries, gold):.3f} of dev records")
        for k, tau in NEIGHBOURHOODS:
            neighbours = knn_probabilities(stored, store.gold, queries, k, tau)
            print(f"{name} k={k} tau={tau}: kNN alone {scores(neighbours)}; "
                  + " ".join(f"λ{weight:g} {scores(mix(dev.probabilities, neighbours, weight))}" for weight in LAMBDA_CHOICES[1:]),
                  flush=True)
    for k, tau in NEIGHBOURHOODS:
        neighbours = online_neighbours(store, dev, k, tau)
        print(f"online model k={k} tau={tau}: "
              + " ".join(f"λ{weight:g} {scores(mix(dev.probabilities, neighbours, weight))}" for weight in LAMBDA_CHOICES[1:]),
              flush=True)


def readouts(model, bundle, split: str) -> np.ndarray:
    """The graph readout (the network's own document embedding), whatever the model exports."""
    records = EncodedRecords.of(bundle.split(split))
    rows = np.zeros((len(records), model.shape.hidden_dim), dtype=np.float32)
    model.eval()
    with torch.no_grad():
        for batch in evaluation_batches(records, 16, len(bundle.codes), bundle.max_tokens):
            rows[batch.record_indices] = model.document_states(batch.token_ids).embedding.numpy()
    return rows


def nearest_shares_a_code(stored: np.ndarray, stored_gold: np.ndarray, queries: np.ndarray, gold: np.ndarray) -> float:
    nearest = np.argmax(queries @ stored.T, axis=1)  # unit vectors: the largest cosine is the smallest distance
    return float(((stored_gold[nearest] * gold).sum(axis=1) > 0).mean())


def tf_idf_vectors(bundle, model):
    idf = model.bag_of_tokens.inverse_document_frequency.numpy()

    def vectors(records) -> np.ndarray:
        counts = np.zeros((len(records), bundle.vocab_size), dtype=np.float32)
        for row, record in enumerate(records):
            ids, n = np.unique(record.tokens, return_counts=True)
            counts[row, ids] = n
        counts[:, :4] = 0  # [PAD] [UNK] [CLS] [SEP] (clinicoco_bundle.vocabulary.FIXED_TOKENS); [NUM] stays a word
        return unit_rows(np.log1p(counts) * idf[None, :])

    return vectors


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def online_neighbours(store, dev, k: int, tau: float) -> np.ndarray:
    """Dev record i's kNN probabilities over the clean split and dev records 0..i-1."""
    result = np.zeros_like(dev.probabilities)
    for index in range(len(dev.gold)):
        stored = np.concatenate([store.embeddings, dev.embeddings[:index]])
        labels = np.concatenate([store.gold, dev.gold[:index]])
        result[index] = knn_probabilities(stored, labels, dev.embeddings[index:index + 1], k, tau)[0]
    return result


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: PYTHONPATH=models python3 models/scripts/knn_sweep.py TRAINING_BUNDLE CHECKPOINT")
    main(sys.argv[1], sys.argv[2])
