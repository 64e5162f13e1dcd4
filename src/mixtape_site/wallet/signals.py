"""What the wallet tells other apps (pathways award stacked credentials on it)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent when a credential is newly added to a learner's wallet, claimed or imported, inside
# the transaction that adds it: receivers defer their work with ``transaction.on_commit``.
# Arguments: ``user`` (the owner) and ``credential`` (the WalletCredential).
credential_added = Signal()
