"""Tooling for the behavioral-segmentation warehouse (demo data generator, persona ground truth)."""
