"""The paper's three losses (CliniCoCo, npj Digit. Med. 2024, eqs. 4-10)."""

import torch
from torch.nn import functional


def unsupervised_contrastive_loss(
    graph_embeddings: torch.Tensor, sequence_vectors: torch.Tensor, temperature: float
) -> torch.Tensor:
    """Eq. 4 (InfoNCE): a document's graph readout should be closest to its own encoder vector.

    L = -1/N sum_i log( exp(cos(g_i, s_i)/t) / sum_j exp(cos(g_i, s_j)/t) ), the other
    documents of the batch being the negatives.
    """
    graph_embeddings = functional.normalize(graph_embeddings, dim=-1)
    sequence_vectors = functional.normalize(sequence_vectors, dim=-1)
    similarities = graph_embeddings @ sequence_vectors.t() / temperature
    own_document = torch.arange(similarities.shape[0], device=similarities.device)
    return functional.cross_entropy(similarities, own_document)


def label_overlap_weights(label_matrix: torch.Tensor) -> torch.Tensor:
    """Eq. 5: beta_ij = |Y_i n Y_j| / |Y_i u Y_j| (Jaccard of the label sets), beta_ii = 0."""
    label_matrix = label_matrix.to(torch.float32)
    shared = label_matrix @ label_matrix.t()
    sizes = label_matrix.sum(dim=1)
    union = sizes.unsqueeze(0) + sizes.unsqueeze(1) - shared
    overlap = torch.where(union > 0, shared / union.clamp(min=1e-12), torch.zeros_like(shared))
    return overlap.fill_diagonal_(0.0)


def multilabel_contrastive_loss(
    embeddings: torch.Tensor, label_matrix: torch.Tensor, temperature: float
) -> torch.Tensor:
    """Eqs. 5-7: multi-label supervised contrastive loss with Euclidean distance.

    For anchor i and every other document j of the batch,
        p_ij = exp(-d(z_i, z_j)/t) / sum_{k != i} exp(-d(z_i, z_k)/t)
        L_i  = - sum_{j != i} beta_ij / (sum_{k != i} beta_ik) * log p_ij
    where d is the Euclidean distance and beta the label overlap. The loss is the mean
    of L_i over the anchors that share at least one label with another document of
    the batch (an anchor with no partner has no positive to pull towards).
    """
    count = embeddings.shape[0]
    overlap = label_overlap_weights(label_matrix)
    overlap_total = overlap.sum(dim=1)
    anchors = overlap_total > 0
    if count < 2 or not bool(anchors.any()):
        return embeddings.sum() * 0.0
    distances = _euclidean_distances(embeddings)
    not_self = ~torch.eye(count, dtype=torch.bool, device=embeddings.device)
    scores = (-distances / temperature).masked_fill(~not_self, float("-inf"))
    log_probabilities = torch.log_softmax(scores, dim=1).masked_fill(~not_self, 0.0)
    weights = overlap / overlap_total.clamp(min=1e-12).unsqueeze(1)
    per_anchor = -(weights * log_probabilities).sum(dim=1)
    return per_anchor[anchors].mean()


def _euclidean_distances(embeddings: torch.Tensor) -> torch.Tensor:
    # The epsilon keeps the gradient of sqrt finite where two embeddings coincide.
    difference = embeddings.unsqueeze(1) - embeddings.unsqueeze(0)
    return (difference.pow(2).sum(dim=-1) + 1e-12).sqrt()


def classification_loss(logits: torch.Tensor, label_matrix: torch.Tensor, per_code_mean: bool = True) -> torch.Tensor:
    """Binary cross-entropy over every code, averaged over documents (and codes if per_code_mean)."""
    loss = functional.binary_cross_entropy_with_logits(logits, label_matrix.to(logits.dtype), reduction="none")
    return loss.mean() if per_code_mean else loss.sum(dim=1).mean()
