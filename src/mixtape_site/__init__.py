"""Mixtape platform: the Django project built on the ``mixtape`` core library."""
