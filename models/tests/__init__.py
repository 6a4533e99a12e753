"""Unit tests of the trainer: PYTHONPATH=models python3 -m unittest discover -s models/tests -t models"""
