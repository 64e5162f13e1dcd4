"""What the credentials app tells other apps (pathways review awards on it)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once the transaction that revoked, suspended or reinstated a credential has
# committed. Arguments: ``credential`` (the IssuedCredential) and ``state`` (its new state).
credential_state_changed = Signal()
