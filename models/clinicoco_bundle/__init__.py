"""What both trainers' bundles share (clinicoco_train's model bundle, clinicoco_names'
name-encoder bundle; docs/model-bundles.md): the vocabulary check on the way in, and on
the way out a checked ONNX export, golden cases, and a folder written whole or not at
all, with a manifest that holds the sha256 of every file.
"""
