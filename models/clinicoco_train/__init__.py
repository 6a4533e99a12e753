"""CliniCoCo trainer: training bundle in, model bundle out (docs/model-bundles.md)."""
