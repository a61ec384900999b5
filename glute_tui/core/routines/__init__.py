"""Routines as pure modules: see base.py for the protocol, registry.py for the list."""
