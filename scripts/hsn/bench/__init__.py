"""Benchmarks: the warehouse's build measured against plain DuckDB on the same data."""
