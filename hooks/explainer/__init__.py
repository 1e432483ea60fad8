"""Explainer: turn news articles into structured, citable explainer data.

A pure, typed library: it never imports MkDocs and never logs. Functions return
results together with a list of :class:`~explainer.model.Problem` records; the
MkDocs hooks in ``hooks/`` decide how to report them.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
