"""Bilingual demo data for ``make demo``."""
