"""The monthly board report "Resultatuppföljning", rendered from the published warehouse."""

from hsn.report.data import latest_period
from hsn.report.render import render_report

__all__ = ["latest_period", "render_report"]
