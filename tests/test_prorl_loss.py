"""The ProRL loss against a direct, element-by-element computation on fixed tensors."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")

from trainer_adapter.prorl.loss import kl_estimate, policy_loss  # noqa: E402

# two sequences x three tokens; the last token of sequence 1 is padding
LOGP = [[-1.0, -0.5, -2.0], [-0.1, -3.0, -1.0]]
OLD = [[-1.5, -0.5, -1.0], [-0.6, -2.0, -9.0]]  # ratios: e^.5, 1, e^-1 | e^.5, e^-1, (masked)
REF = [[-1.2, -0.4, -30.0], [-0.1, -2.5, -1.0]]
ADV = [1.0, -2.0]
MASK = [[1, 1, 1], [1, 1, 0]]


def direct(eps_low: float, eps_high: float, beta: float, estimator: str) -> float:
    total, tokens = 0.0, 0
    for i in range(2):
        for t in range(3):
            if not MASK[i][t]:
                continue
            ratio = math.exp(LOGP[i][t] - OLD[i][t])
            clipped = min(max(ratio, 1 - eps_low), 1 + eps_high)
            pg = -min(ratio * ADV[i], clipped * ADV[i])
            d = min(max(REF[i][t] - LOGP[i][t], -20.0), 20.0)
            kl = math.exp(d) - d - 1 if estimator == "k3" else 0.5 * d * d
            kl = min(max(kl, -10.0), 10.0)
            total += pg + beta * kl
            tokens += 1
    return total / tokens


def run(eps_low: float, eps_high: float, beta: float, estimator: str):
    t = lambda x: torch.tensor(x, dtype=torch.float64)  # noqa: E731
    return policy_loss(
        t(LOGP), t(OLD), t(REF), t(ADV), t(MASK), 5.0, eps_low, eps_high, beta, estimator, 20.0, 10.0
    )


@pytest.mark.parametrize("estimator", ["k3", "k2"])
@pytest.mark.parametrize(
    ("eps_low", "eps_high", "beta"), [(0.2, 0.4, 0.0), (0.2, 0.28, 0.1), (0.1, 0.1, 1.0)]
)
def test_loss_matches_direct_computation(eps_low, eps_high, beta, estimator) -> None:
    loss, _ = run(eps_low, eps_high, beta, estimator)
    assert float(loss) == pytest.approx(direct(eps_low, eps_high, beta, estimator), rel=1e-12)


def test_clipping_on_both_sides_is_counted() -> None:
    # seq 0 (A > 0): ratio e^.5 = 1.65 > 1.4 is clipped high; seq 1 (A < 0): ratio e^-1 = .37 < .8 is clipped low
    _, stats = run(0.2, 0.4, 0.0, "k3")
    assert stats["clip_high_sum"] == 1.0
    assert stats["clip_low_sum"] == 1.0


def test_clipped_tokens_carry_no_gradient() -> None:
    logp = torch.tensor([[0.5, 0.0]], requires_grad=True)  # ratio e^.5 (clipped high) and 1
    loss, _ = policy_loss(
        logp, torch.zeros(1, 2), None, torch.tensor([1.0]), torch.ones(1, 2), 2.0, 0.2, 0.4, 0.0
    )
    loss.backward()
    assert logp.grad[0, 0] == 0.0
    assert logp.grad[0, 1] == pytest.approx(-0.5)  # -A * ratio / n_tokens


def test_padding_is_ignored_and_denominator_is_token_count() -> None:
    loss_a, _ = run(0.2, 0.4, 0.0, "k3")
    LOGP[1][2] = 5.0  # change a masked token only
    try:
        loss_b, _ = run(0.2, 0.4, 0.0, "k3")
    finally:
        LOGP[1][2] = -1.0
    assert float(loss_a) == float(loss_b)


def test_kl_estimators_and_clamps() -> None:
    logp = torch.tensor([0.0, 0.0, 0.0])
    ref = torch.tensor([0.0, -1.0, 50.0])
    k3 = kl_estimate(logp, ref, "k3", 20.0, 10.0)
    assert k3[0] == 0.0
    assert float(k3[1]) == pytest.approx(math.exp(-1) + 1 - 1)
    assert float(k3[2]) == 10.0  # exp(20) - 21 clamped to the output bound
    k2 = kl_estimate(logp, ref, "k2", 20.0, 10.0)
    assert float(k2[1]) == pytest.approx(0.5)
    assert float(k2[2]) == 10.0  # 0.5 * 20^2 = 200 -> 10
    assert float(kl_estimate(logp, ref, "k2", 2.0, 100.0)[2]) == pytest.approx(2.0)  # log-ratio clamp 2
