"""factcheck: claim-level fact-checking against a trusted, indexed reference corpus."""

__version__ = "0.1.0"
