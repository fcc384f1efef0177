"""STEM verifier kinds: `mcq` (one option letter), `numeric` (a number with its unit), and the unit
reader they share. Each kind registers itself when its module is imported (see verifiers.registry)."""
