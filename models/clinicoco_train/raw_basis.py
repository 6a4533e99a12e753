"""What step 1 learns from the raw records for the regression: a token space (latent semantic analysis).

The raw records have no codes, so the regression (wide_fit.py) cannot learn from them
directly. What they do show is which words occur together: the leading right singular
vectors of their TF-IDF matrix span a token space in which words of the same contexts
lie close ("NIDDM" beside "metformin" and "type 2 diabetes"). The regression is then
fitted with a second, low-rank term in that space, penalised on its own, so a code can
reach a word its few training records never used, through the words they did.

The same space is the model's document embedding (model.document_embedding): the record's
TF-IDF vector in it is what the engine indexes for similar cases and kNN, in place of the
graph readout, whose neighbours shared a code far less often on CodiEsp.

The network's contrastive pre-training (steps.py) is step 1's other half; on CodiEsp it
has not added (its weight is chosen 0). This half is what made the raw records add:
CodiEsp dev, regression alone, micro-F1 all codes / top 50 at their best thresholds —
free text 0.366 / 0.576 without a basis, 0.386 / 0.591 with one from the 2,751 raw
records, 0.372 / 0.568 with one from the 500 labelled records instead (so the gain is
the raw records', not the method's); CliniCoCo setting 0.377 / 0.544 → 0.386 / 0.547.
"""

from typing import Callable, Optional

import torch

from .batching import EncodedRecords
from .training_bundle import TrainingBundle
from .model import FULL_RANK_WIDE, DocumentModel
from .options import TrainingOptions
from .wide_fit import tfidf_matrix

POWER_ITERATIONS = 4  # randomized SVD; 4 gives the exact leading subspace's dev scores on CodiEsp


def raw_token_space_dim(bundle: TrainingBundle, options: TrainingOptions) -> int:
    """The dimensions fit_raw_basis will give this bundle under these options (0: no token space).

    Known before training, so the model is built with room for it (ModelShape.retrieval_dim)
    and a checkpoint resumes into a model of the same shape.
    """
    fitted_regression = options.wide_fit_l2 is not None and options.wide_dim == FULL_RANK_WIDE
    dim = options.raw_basis_dim
    if not (options.use_raw_step and fitted_regression) or dim <= 0 or len(bundle.split("raw")) < dim:
        return 0
    return dim


def fit_raw_basis(
    model: DocumentModel, raw: EncodedRecords, dim: int, max_tokens: int, seed: int, log: Callable[[str], None]
) -> Optional[torch.Tensor]:
    """[vocabulary, dim], orthonormal columns: the raw records' leading token directions; None without enough records.

    A basis needs more records than dimensions (its rank is at most the record count);
    the demo hospital's 69 raw records get none.
    """
    if dim <= 0:
        return None
    if len(raw) < dim:
        log(f"raw token space: none ({len(raw)} raw records, fewer than its {dim} dimensions)")
        return None
    features = tfidf_matrix(model, raw, max_tokens)
    # svd_lowrank draws a random start; a fixed one keeps --seed (and --resume) reproducible.
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        _, singular_values, directions = torch.svd_lowrank(features, q=dim, niter=POWER_ITERATIONS)
    log(f"raw token space: {dim} dimensions from {len(raw)} raw records "
        f"(singular values {float(singular_values[0]):.2f} … {float(singular_values[-1]):.2f})")
    return directions.contiguous()
