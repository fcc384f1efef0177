"""prorl-gym: environments, verifiers and sandboxes for RL of reasoning models."""

__version__ = "0.1.0"
