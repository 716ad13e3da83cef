"""guidecmp: read and compare Finnish guidelines for supplementary and preventive social assistance."""

__version__ = "0.1.0"
