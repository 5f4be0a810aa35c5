"""coursebuilder: write a mental-health training module once, build every format from it."""

__version__ = "0.1.0"
