"""The gate: landing deliveries are checked against the contract and accepted or quarantined.

Public API: run_gate(settings, progress=...) -> GateResult (see runner.py).
"""

from hsn.gate.runner import DeliveryOutcome, GateResult, run_gate

__all__ = ["DeliveryOutcome", "GateResult", "run_gate"]
