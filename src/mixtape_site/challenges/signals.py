"""Signals other apps build on, so the innovation space does not import them.

``proposal_awarded`` is sent inside the award transaction for each awarded proposal
(kwargs: ``proposal``, ``actor``, ``now``): the projects app starts the project there, so
an award and its project are committed together or not at all.
"""

from django.dispatch import Signal

proposal_awarded = Signal()
