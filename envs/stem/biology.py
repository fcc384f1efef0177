"""Genetics problems: Mendelian cross probabilities (Punnett squares) and Hardy-Weinberg frequencies."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

from envs.stem.problems import Mistake, Problem, Template, fmt, given

GENES = [("A", "a"), ("B", "b"), ("C", "c")]


def _gametes(genotype: list[str]) -> list[tuple[str, ...]]:
    """Each gene's pair of alleles, e.g. ["Aa", "bb"] -> every gamete, equally likely."""
    return list(itertools.product(*[tuple(pair) for pair in genotype]))


def _prob(p1: list[str], p2: list[str], want: list[str], phenotype: bool) -> Fraction:
    """Probability that a child of p1 x p2 has genotype `want` (or its phenotype, when `phenotype`)."""
    hits = total = 0
    for g1 in _gametes(p1):
        for g2 in _gametes(p2):
            total += 1
            ok = True
            for i, target in enumerate(want):
                child = "".join(sorted(g1[i] + g2[i]))  # upper case sorts first: "Aa"
                if phenotype:
                    ok &= (target[0].isupper()) == any(c.isupper() for c in child)
                else:
                    ok &= child == target
            hits += ok
    return Fraction(hits, total)


def _genotype(rng: random.Random, gene: tuple[str, str], allow_homo: bool) -> str:
    big, small = gene
    return rng.choice([big + small, big + big, small + small] if allow_homo else [big + small])


def cross_probability(rng: random.Random, d: int) -> Problem:
    n_genes = 1 if d <= 1 else (2 if d <= 3 else rng.choice([2, 3]))
    genes = GENES[:n_genes]
    phenotype = rng.random() < 0.5
    for _ in range(20):  # redraw crosses whose asked-for outcome is certain (p = 1 makes a dull question)
        p1 = [_genotype(rng, g, d >= 2) for g in genes]
        p2 = [_genotype(rng, g, d >= 2) for g in genes]
        g1, g2 = rng.choice(_gametes(p1)), rng.choice(_gametes(p2))
        child = ["".join(sorted(a + b)) for a, b in zip(g1, g2, strict=True)]  # an offspring that can occur
        want_full = [c[0] if c[0].isupper() else c for c in child] if phenotype else child
        p = _prob(p1, p2, want_full, phenotype)
        if p < 1:
            break
    if phenotype:
        target = " and ".join(
            f"the {'dominant' if w[0].isupper() else 'recessive'} phenotype for gene {w[0].upper()}"
            for w in want_full
        )
    else:
        target = "the genotype " + "".join(want_full)
    q = (
        f"Genes assort independently and show complete dominance. In the cross {''.join(p1)} x {''.join(p2)}, "
        f"what is the probability that an offspring has {target}? Give the answer as a decimal."
    )
    slips = [Mistake(float(1 - p), "gave the probability of the complementary outcome")]
    if n_genes > 1:
        first = _prob(p1[:1], p2[:1], want_full[:1], phenotype)
        slips.append(Mistake(float(first), "considered only the first gene"))
        slips.append(
            Mistake(
                float(
                    sum(_prob([a], [b], [w], phenotype) for a, b, w in zip(p1, p2, want_full, strict=True))
                    / n_genes
                ),
                "averaged the genes instead of multiplying",
            )
        )
    other = _prob(p1, p2, want_full, not phenotype)
    if other not in (p, 0):
        slips.append(Mistake(float(other), "confused genotype and phenotype"))
    slips += [
        Mistake(float(p) * 2, "counted each heterozygote twice"),
        Mistake(float(p) / 2, "halved the probability"),
    ]
    return Problem("biology", "genetics", q, float(p), "", tuple(slips), abs_tol=0.002)


def hardy_weinberg(rng: random.Random, d: int) -> Problem:
    q_allele = round(rng.uniform(0.1, 0.7), 2)
    q2 = q_allele**2
    p_allele = 1 - q_allele
    het = 2 * p_allele * q_allele
    if d >= 3:
        n = int(given(rng, 200, 5000, 1) // 10 * 10)
        affected = round(q2 * n)
        q_allele = (affected / n) ** 0.5
        p_allele = 1 - q_allele
        het = 2 * p_allele * q_allele
        q = (
            f"In a population of {n} in Hardy-Weinberg equilibrium, {affected} individuals show a recessive trait. "
            "How many individuals are expected to be heterozygous carriers? Give the answer as a number of individuals."
        )
        slips = [
            Mistake(p_allele * q_allele * n, "forgot the factor 2 in 2pq"),
            Mistake(2 * (1 - affected / n) * (affected / n) * n, "used q^2 as if it were q"),
            Mistake(p_allele**2 * n, "counted the homozygous dominant individuals"),
        ]
        return Problem("biology", "population genetics", q, het * n, "", tuple(slips), abs_tol=1.0)
    q = (
        f"In a population in Hardy-Weinberg equilibrium, the frequency of a recessive phenotype is {fmt(q2, 4)}. "
        "What fraction of the population is heterozygous? Give the answer as a decimal."
    )
    slips = [
        Mistake(p_allele * q_allele, "forgot the factor 2 in 2pq"),
        Mistake(2 * (1 - q2) * q2, "used q^2 as if it were q"),
        Mistake(p_allele**2, "gave the homozygous dominant frequency p^2"),
        Mistake(p_allele, "gave the dominant allele frequency p"),
    ]
    return Problem("biology", "population genetics", q, het, "", tuple(slips), abs_tol=0.002)


TEMPLATES = [
    Template("biology", "genetics", 1, cross_probability),
    Template("biology", "population genetics", 2, hardy_weinberg),
]
