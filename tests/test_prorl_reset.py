"""Reference reset: the plan decides when; the loop copies weights and clears or keeps AdamW state."""

from __future__ import annotations

import copy

import pytest

from trainer_adapter.reset import Plateau, ResetPlan


def test_schedule_and_at_steps() -> None:
    plan = ResetPlan(every_steps=10, at_steps=(3,))
    assert [s for s in range(1, 31) if plan.decide(s, [])] == [3, 10, 20, 30]
    assert "at_steps" in plan.decide(3, [])
    assert ResetPlan().decide(5, []) is None and not ResetPlan().enabled


def test_plateau_fires_only_after_patience_without_improvement() -> None:
    plan = ResetPlan(on_plateau=Plateau("val/reward", patience=2, min_delta=0.01))
    hist = [{"val/reward": 0.3}, {"val/reward": 0.5}]
    assert plan.decide(1, hist) is None
    hist.append({"val/reward": 0.505})  # within min_delta: no improvement
    assert plan.decide(2, hist) is None  # only one stalled point so far
    hist.append({"val/reward": 0.4})
    reason = plan.decide(3, hist)
    assert reason is not None and "plateau" in reason and "val/reward" in reason
    hist.append({"val/reward": 0.6})
    assert plan.decide(4, hist) is None


def test_bad_plans_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="every_steps"):
        ResetPlan(every_steps=0)
    with pytest.raises(ValueError, match="patience"):
        Plateau("x", 0)
    with pytest.raises(ValueError, match="at_steps"):
        ResetPlan(at_steps=(0, 4))


@pytest.mark.parametrize("clear", [True, False])
def test_reset_copies_weights_and_clears_or_keeps_optimizer(clear: bool) -> None:
    torch = pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")
    from trainer_adapter.prorl.train import reset_reference

    torch.manual_seed(0)
    policy = torch.nn.Linear(4, 2)
    ref = copy.deepcopy(policy)
    opt = torch.optim.AdamW(policy.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        policy(torch.randn(8, 4)).pow(2).sum().backward()
        opt.step()
    assert not torch.equal(policy.weight, ref.weight)
    moments = {k: v["exp_avg"].clone() for k, v in enumerate(opt.state.values())}
    reset_reference(ref, policy, opt, clear_optimizer=clear)
    assert torch.equal(policy.weight, ref.weight) and torch.equal(policy.bias, ref.bias)
    assert ref.weight.data_ptr() != policy.weight.data_ptr()  # a copy, not an alias
    if clear:
        assert len(opt.state) == 0
    else:
        assert len(opt.state) == 2
        assert all(torch.equal(v["exp_avg"], moments[k]) for k, v in enumerate(opt.state.values()))
