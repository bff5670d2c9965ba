"""The benchmarks (`make bench`), run as modules from the project's root: `python -m bench.run`."""
