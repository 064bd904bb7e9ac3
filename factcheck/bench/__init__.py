"""Benchmarks: each reads labelled data from paths given on the command line and runs the
project's component side by side with trivial baselines in the same process.

Nothing read here is ever used to fit, tune or choose anything (see ``docs/benchmarks.md``);
the metric helpers shared by every bench live in ``common.py``.
"""
