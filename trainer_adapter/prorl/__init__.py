"""The thin ProRL loop: config, rollouts, loss, the training loop and its metrics."""
