"""InfoNCE with in-batch negatives: the loss of both training steps.

Unsupervised SimCSE (Gao et al. 2021): the two views are the same names encoded twice
in train mode, so dropout is the only noise and each name's other view is its positive.
Supervised: the views are a name and its code's title. Rows whose group (code) is the
same are not negatives of each other: two confirmed names of one code are both right.
"""

from typing import Optional

import torch
from torch.nn import functional


def info_nce(queries: torch.Tensor, keys: torch.Tensor, temperature: float, groups: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Mean over rows of -log softmax(cos(q_i, k_j) / t)_i; inputs need not be normalised."""
    similarity = functional.normalize(queries, dim=-1) @ functional.normalize(keys, dim=-1).T / temperature
    if groups is not None:
        same = groups.unsqueeze(0) == groups.unsqueeze(1)
        same.fill_diagonal_(False)
        similarity = similarity.masked_fill(same, float("-inf"))
    targets = torch.arange(similarity.shape[0])
    return functional.cross_entropy(similarity, targets)


def simcse_loss(model, token_ids: torch.Tensor, temperature: float) -> torch.Tensor:
    """Two dropout-noised passes of the same batch; the model must be in train mode."""
    return info_nce(model(token_ids), model(token_ids), temperature)


def supervised_loss(model, names: torch.Tensor, titles: torch.Tensor, groups: torch.Tensor, temperature: float) -> torch.Tensor:
    """Symmetric: each name must find its title among the batch's titles, and each title its name."""
    name_vectors = model(names)
    title_vectors = model(titles)
    return 0.5 * (info_nce(name_vectors, title_vectors, temperature, groups) + info_nce(title_vectors, name_vectors, temperature, groups))
