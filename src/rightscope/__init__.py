"""Rightscope: put the existing international human rights framework to work on technology.

The package is organised the way data flows through it::

    law -> identify -> assess -> monitor -> report

``rightscope.law`` is the legal knowledge base every other part cites.
"""

__version__ = "0.1.0"
