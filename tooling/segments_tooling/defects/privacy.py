"""Defects of the corpus: see segments_tooling.defects. This module's list is filled by its owner."""

from __future__ import annotations

from segments_tooling.defects import Defect, Scenario

DEFECTS: list[Defect] = []
SCENARIOS: list[Scenario] = []
