"""The short-text name encoder: SimCSE, then supervised contrastive, exported to ONNX (docs/normaliser.md)."""
