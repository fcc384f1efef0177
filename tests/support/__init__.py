"""Helpers shared by tests and benches: known-right alternative answers and adversarial answers for the
logic verifier. Imported as `tests.support.<module>` from the repository root (pytest adds it to
`sys.path`; benches run as `python -m bench.<name>`)."""
