"""The CliniCoCo document model: tokens -> CNN -> co-occurrence GGNN -> readout + label attention.

Follows the paper's feature extractor (TextING-style GGNN over a word co-occurrence
graph on top of a token encoder) with a 1-D CNN as the token encoder: on the 2-core
machines this must train on, a CNN trains 13x faster than a 2-layer transformer
(docs: ENVIRONMENT.md) and there is no pretrained BERT offline anyway.
"""

from dataclasses import dataclass
from typing import NamedTuple, Optional

import torch
from torch import nn

from .graph import CooccurrenceGraph

# ModelShape.wide_dim for a full-rank bag-of-tokens path (a plain TF-IDF logistic regression).
FULL_RANK_WIDE = -1

# Large negative instead of -inf: a row of -inf (no valid token) would give NaN in softmax.
MASKED_SCORE = -1e4


@dataclass
class ModelShape:
    vocab_size: int
    label_count: int
    embedding_dim: int = 96
    hidden_dim: int = 96
    cnn_layers: int = 2
    cnn_kernel: int = 3
    ggnn_layers: int = 3
    graph_window: int = 3
    dropout: float = 0.2
    # The bag-of-tokens path: 0 none, N > 0 rank N, FULL_RANK_WIDE one weight per (token, code).
    wide_dim: int = 0
    # Dimensions of step 1's raw token space (raw_basis.py) when the model will have one: the
    # document embedding is then the TF-IDF vector in that space. 0: the graph readout.
    retrieval_dim: int = 0


class DocumentStates(NamedTuple):
    token_ids: torch.Tensor  # [batch, tokens]
    graph: CooccurrenceGraph
    token_states: torch.Tensor  # [batch, tokens, hidden] after the GGNN, zero at padding
    mask: torch.Tensor  # [batch, tokens] 1.0 at tokens
    sequence_vector: torch.Tensor  # [batch, hidden] encoder-side view (the paper's [CLS])
    embedding: torch.Tensor  # [batch, hidden] graph readout, L2-normalised


class DocumentOutputs(NamedTuple):
    logits: torch.Tensor  # [batch, labels]
    attention: torch.Tensor  # [batch, labels, tokens]
    embedding: torch.Tensor  # [batch, DocumentModel.embedding_dim()]


class ConvolutionalEncoder(nn.Module):
    """Stacked 'same' 1-D convolutions with residual connections.

    Padding positions are zeroed before every convolution, so a token next to the
    padding sees exactly what it sees at the end of an unpadded sequence (zeros):
    appending padding never changes the states of real tokens.
    """

    def __init__(self, input_dim: int, hidden_dim: int, layers: int, kernel: int, dropout: float):
        super().__init__()
        self.input_projection = nn.Conv1d(input_dim, hidden_dim, kernel, padding=kernel // 2)
        self.convolutions = nn.ModuleList(
            nn.Conv1d(hidden_dim, hidden_dim, kernel, padding=kernel // 2) for _ in range(layers - 1)
        )
        self.dropout = nn.Dropout(dropout)
        self.keeps_token_identity = input_dim == hidden_dim

    def forward(self, embedded: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        channel_mask = mask.unsqueeze(1)
        embedded = embedded.transpose(1, 2) * channel_mask
        states = torch.relu(self.input_projection(embedded))
        if self.keeps_token_identity:
            # The token's own embedding stays in its state: a code is often evidenced
            # by one word, and a purely contextual state made that slow to learn.
            states = states + embedded
        for convolution in self.convolutions:
            states = states + torch.relu(convolution(self.dropout(states) * channel_mask))
        return (states * channel_mask).transpose(1, 2)


class GatedGraphLayers(nn.Module):
    """GGNN propagation (Li et al. 2016, as in TextING): GRU-gated updates with shared weights."""

    def __init__(self, hidden_dim: int, steps: int, dropout: float):
        super().__init__()
        self.steps = steps
        self.from_message = nn.Linear(hidden_dim, 3 * hidden_dim)
        self.from_state = nn.Linear(hidden_dim, 2 * hidden_dim, bias=False)
        self.candidate_from_state = nn.Linear(hidden_dim, hidden_dim, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, states: torch.Tensor, graph: CooccurrenceGraph) -> torch.Tensor:
        for _ in range(self.steps):
            message_update, message_reset, message_candidate = self.from_message(
                self.dropout(graph.messages(states))
            ).chunk(3, dim=-1)
            state_update, state_reset = self.from_state(states).chunk(2, dim=-1)
            update = torch.sigmoid(message_update + state_update)
            reset = torch.sigmoid(message_reset + state_reset)
            candidate = torch.tanh(message_candidate + self.candidate_from_state(reset * states))
            states = (update * candidate + (1.0 - update) * states) * graph.mask
        return states


class SoftAttentionReadout(nn.Module):
    """TextING readout: gate sigma(W1 h) * tanh(W2 h), then mean + max over real tokens."""

    def __init__(self, hidden_dim: int):
        super().__init__()
        self.gate = nn.Linear(hidden_dim, hidden_dim)
        self.value = nn.Linear(hidden_dim, hidden_dim)

    def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        gated = torch.sigmoid(self.gate(states)) * torch.tanh(self.value(states))
        return masked_mean(gated, mask) + masked_max(gated, mask)


class LabelAttention(nn.Module):
    """Per-label attention over token states (CAML-style) -> one logit per code."""

    def __init__(self, hidden_dim: int, label_count: int):
        super().__init__()
        # Scaled by the hidden size only, like a linear layer's rows: Xavier would also
        # divide by the ~1,700 codes, leaving attention uniform and learning stalled.
        bound = hidden_dim ** -0.5
        self.queries = nn.Parameter(torch.empty(label_count, hidden_dim).uniform_(-bound, bound))
        self.output_weights = nn.Parameter(torch.empty(label_count, hidden_dim).uniform_(-bound, bound))
        self.output_bias = nn.Parameter(torch.zeros(label_count))

    def forward(self, states: torch.Tensor, mask: torch.Tensor):
        # Scores as [batch, labels, tokens], so softmax runs over the last axis and the
        # attention output needs no transpose (in ONNX Runtime a softmax over a middle
        # axis plus the transpose cost 8 of 35 ms for 1,000 tokens x 1,767 codes).
        padding_bias = (1.0 - mask).unsqueeze(1) * MASKED_SCORE  # [batch, 1, tokens]
        scores = torch.matmul(self.queries, states.transpose(1, 2)) + padding_bias
        attention = torch.softmax(scores, dim=-1)
        context = torch.matmul(attention, states)  # [batch, labels, hidden]
        logits = (context * self.output_weights).sum(dim=-1) + self.output_bias
        return logits, attention


class BagOfTokens(nn.Module):
    """The 'wide' path: a logistic regression on the document's TF-IDF vector.

    The TF-IDF vector (sublinear tf, L2-normalised) is what a linear baseline sees.
    Full rank (`dim` = FULL_RANK_WIDE) it is exactly that baseline: one weight per
    (token, code), started at zero. Otherwise it is projected to `dim` dimensions by
    a token embedding and then to one logit per code. Token counts come from the
    same-token groups the graph uses, so the ONNX graph still takes token ids only.
    """

    def __init__(self, vocab_size: int, dim: int, label_count: int, dropout: float):
        super().__init__()
        self.full_rank = dim == FULL_RANK_WIDE
        self.token_vectors = nn.Embedding(vocab_size, label_count if self.full_rank else dim, padding_idx=0)
        self.register_buffer("inverse_document_frequency", torch.ones(vocab_size))
        if self.full_rank:
            nn.init.zeros_(self.token_vectors.weight)
            self.dropout = nn.Identity()
            # The regression's intercepts; zero unless the path is fitted (wide_fit.py).
            self.bias = nn.Parameter(torch.zeros(label_count))
            self.output = self._add_bias
        else:
            self.dropout = nn.Dropout(dropout)
            self.output = nn.Linear(dim, label_count)

    def forward(self, token_ids: torch.Tensor, graph: CooccurrenceGraph) -> torch.Tensor:
        weights = self.tfidf_weights(token_ids, graph)
        bag = (weights.unsqueeze(-1) * self.token_vectors(token_ids)).sum(dim=1)
        return self.output(self.dropout(bag))

    def token_shares(self, token_ids: torch.Tensor, graph: CooccurrenceGraph) -> torch.Tensor:
        """[batch, labels, tokens]: each position's token's term in the logits (before the bias).

        Full rank only (a low-rank path's terms mix in its output layer).
        """
        # A token's weight sits at its first position; every occurrence gets it.
        weights = torch.gather(self.tfidf_weights(token_ids, graph), 1, graph.group)
        return (weights.unsqueeze(-1) * self.token_vectors(token_ids)).transpose(1, 2)

    def _add_bias(self, bag: torch.Tensor) -> torch.Tensor:
        return bag + self.bias

    def tfidf_weights(self, token_ids: torch.Tensor, graph: CooccurrenceGraph) -> torch.Tensor:
        """[batch, tokens]: each distinct token's TF-IDF weight at its first position, 0 elsewhere."""
        mask = graph.mask.squeeze(-1)
        positions = torch.arange(token_ids.shape[1], device=token_ids.device).unsqueeze(0)
        first_occurrence = (graph.group == positions).to(torch.float32) * mask
        counts = graph.pool_by_token(graph.mask).squeeze(-1)
        weights = (1.0 + torch.log(counts.clamp(min=1.0))) * self.inverse_document_frequency[token_ids] * first_occurrence
        return weights / weights.norm(dim=1, keepdim=True).clamp(min=1e-6)


class DocumentModel(nn.Module):
    def __init__(self, shape: ModelShape):
        super().__init__()
        self.shape = shape
        self.token_embedding = nn.Embedding(shape.vocab_size, shape.embedding_dim, padding_idx=0)
        self.embedding_dropout = nn.Dropout(shape.dropout)
        self.encoder = ConvolutionalEncoder(
            shape.embedding_dim, shape.hidden_dim, shape.cnn_layers, shape.cnn_kernel, shape.dropout
        )
        self.sequence_projection = nn.Linear(shape.hidden_dim, shape.hidden_dim)
        self.graph_layers = GatedGraphLayers(shape.hidden_dim, shape.ggnn_layers, shape.dropout)
        self.readout = SoftAttentionReadout(shape.hidden_dim)
        self.label_attention = LabelAttention(shape.hidden_dim, shape.label_count)
        self.bag_of_tokens = (
            BagOfTokens(shape.vocab_size, shape.wide_dim, shape.label_count, shape.dropout) if shape.wide_dim != 0 else None
        )
        # logits = deep_weight · network + bag-of-tokens path. 1 unless the path is fitted
        # separately; then it is chosen on dev with the model (training.py).
        self.register_buffer("deep_weight", torch.tensor(1.0))
        if shape.retrieval_dim > 0:
            if self.bag_of_tokens is None:
                raise ValueError("the raw token space embeds the bag-of-tokens path's TF-IDF vector: it needs the path")
            self.register_buffer("retrieval_basis", torch.zeros(shape.vocab_size, shape.retrieval_dim))
            # 0 until the basis is set: before step 3 (or if training stops before it) the readout serves.
            self.register_buffer("retrieval_ready", torch.tensor(0.0))

    def document_states(self, token_ids: torch.Tensor) -> DocumentStates:
        """Everything the contrastive steps need; skips the (costly) label attention."""
        graph = CooccurrenceGraph(token_ids, self.shape.graph_window)
        mask = graph.mask.squeeze(-1)
        embedded = self.embedding_dropout(self.token_embedding(token_ids))
        encoded = self.encoder(embedded, mask)
        sequence_vector = self.sequence_projection(masked_mean(encoded, mask) + masked_max(encoded, mask))
        token_states = self.graph_layers(encoded, graph)
        embedding = nn.functional.normalize(self.readout(token_states, mask), dim=-1)
        return DocumentStates(token_ids, graph, token_states, mask, sequence_vector, embedding)

    def classify(self, states: DocumentStates):
        """Per-code logits [batch, labels] and attention [batch, labels, tokens]."""
        network_logits, wide_logits, attention = self.path_logits(states)
        return self.combine(network_logits, wide_logits), attention

    def combine(self, network_logits: torch.Tensor, wide_logits: Optional[torch.Tensor]) -> torch.Tensor:
        return network_logits if wide_logits is None else self.deep_weight * network_logits + wide_logits

    def path_logits(self, states: DocumentStates):
        """The network's logits, the bag-of-tokens path's (None without one), and the network's attention."""
        network_logits, attention = self.label_attention(states.token_states, states.mask)
        wide_logits = self.bag_of_tokens(states.token_ids, states.graph) if self.bag_of_tokens is not None else None
        return network_logits, wide_logits, attention

    def forward(self, token_ids: torch.Tensor) -> DocumentOutputs:
        """What the engine runs (ONNX): logits, per-code evidence over tokens, the document embedding."""
        states = self.document_states(token_ids)
        network_logits, wide_logits, attention = self.path_logits(states)
        logits = self.combine(network_logits, wide_logits)
        return DocumentOutputs(logits, self.evidence(states, attention), self.document_embedding(states))

    def uses_raw_token_space(self) -> bool:
        # Read as a Python number, like deep_weight: a constant in the exported graph.
        return self.shape.retrieval_dim > 0 and float(self.retrieval_ready) != 0.0

    def embedding_dim(self) -> int:
        return self.shape.retrieval_dim if self.uses_raw_token_space() else self.shape.hidden_dim

    def document_embedding(self, states: DocumentStates) -> torch.Tensor:
        """[batch, embedding_dim()], unit length: what the engine indexes for similar cases and kNN.

        With step 1's raw token space, the record's TF-IDF vector in that space (latent
        semantic analysis); else the graph readout. On CodiEsp the readout's nearest
        training record shared a code with a dev record for 24 % of records, the raw
        token space's for 70 % (models/scripts/knn_sweep.py).
        """
        if not self.uses_raw_token_space():
            return states.embedding
        weights = self.bag_of_tokens.tfidf_weights(states.token_ids, states.graph)
        projected = (weights.unsqueeze(-1) * self.retrieval_basis[states.token_ids]).sum(dim=1)
        return nn.functional.normalize(projected, dim=-1)

    def set_raw_token_space(self, basis: torch.Tensor) -> None:
        with torch.no_grad():
            self.retrieval_basis.copy_(basis)
            self.retrieval_ready.fill_(1.0)

    def evidence(self, states: DocumentStates, attention: torch.Tensor) -> torch.Tensor:
        """[batch, labels, tokens], rows summing to 1: how much each token raised the code's logit.

        The network's logit is Σ_t attention_t · (w · h_t) + b, the bag-of-tokens path's
        Σ_t tfidf_t · W[token_t] + b, so each token's share of the logit is exact for both;
        the heatmap shows the positive shares (every occurrence of a token gets its
        token's share), normalised per code. The network's attention alone would show
        what a network with weight 0 (wide_fit.py) looks at, not why a code is suggested.
        A code no token raises falls back to the network's attention.
        """
        wide = self.bag_of_tokens is not None and self.bag_of_tokens.full_rank
        shares = torch.zeros_like(attention)
        # A constant when exported: a network weighted 0 costs nothing at inference.
        if float(self.deep_weight) != 0.0 or not wide:
            token_logits = torch.matmul(self.label_attention.output_weights, states.token_states.transpose(1, 2))
            shares = shares + torch.relu(self.deep_weight * attention * token_logits)
        if wide:
            shares = shares + torch.relu(self.bag_of_tokens.token_shares(states.token_ids, states.graph))
        shares = shares * states.mask.unsqueeze(1)
        total = shares.sum(dim=-1, keepdim=True)
        return torch.where(total > 0, shares / total.clamp(min=1e-12), attention)

    def initialise_label_bias(self, label_frequency: torch.Tensor) -> None:
        """Start every code's logit at the log-odds of its training frequency.

        From zero logits, BCE summed over ~1,700 codes first drives every logit down
        through every layer, which silenced the ReLU encoder (64 CodiEsp records could
        not be overfitted); starting at the prior leaves only the content to learn.
        """
        probability = label_frequency.clamp(1e-4, 1 - 1e-4)
        with torch.no_grad():
            self.label_attention.output_bias.copy_(torch.log(probability / (1 - probability)))

    def initialise_label_queries(self, title_token_ids: list, scale: Optional[float] = None) -> None:
        """Point each label's attention query at the mean embedding of its title's tokens.

        Only meaningful when embedding_dim == hidden_dim; labels without title tokens
        keep their random query.
        """
        if self.shape.embedding_dim != self.shape.hidden_dim:
            raise ValueError("title-initialised queries need embedding_dim == hidden_dim")
        with torch.no_grad():
            weights = self.token_embedding.weight
            for label, tokens in enumerate(title_token_ids):
                tokens = [token for token in tokens if token > 4]
                if tokens:
                    direction = weights[tokens].mean(dim=0)
                    norm = scale if scale is not None else self.label_attention.queries[label].norm()
                    self.label_attention.queries[label] = direction / direction.norm().clamp(min=1e-6) * norm


def masked_mean(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1)
    return (values * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


def masked_max(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return values.masked_fill(mask.unsqueeze(-1) == 0, MASKED_SCORE).max(dim=1).values
