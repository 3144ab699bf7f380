// The benchmarks' round-by-round comparison (bench/stats.mjs `paired`): bench/run's verdict on
// "no slower than any peer" and bench/ab's A/Bs rest on it. No browser: plain numbers whose
// answers are worked out by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paired } from '../../bench/stats.mjs';

test('paired: the median of the rounds’ differences and the rounds the first system won', () => {
  const x = paired([10, 20, 30, 40, 50], [12, 19, 35, 40, 47]);
  // Differences −2, +1, −5, 0, +3: median 0; the tie is no one's round.
  assert.equal(x.median, 0);
  assert.equal(x.wins, 2);
  assert.equal(x.rounds, 4);
});

test('paired: the sign test’s two-sided p, from the binomial distribution', () => {
  const ten = Array.from({ length: 10 }, (_, i) => i);
  // 10 of 10: 2 · ½¹⁰.
  assert.equal(paired(ten, ten.map((v) => v + 1)).p, 2 / 1024);
  // 8 of 10: 2 · P(X ≤ 2) = 2 · (1 + 10 + 45) / 1024.
  const eight = ten.map((v, i) => (i < 8 ? v + 1 : v - 1));
  const x = paired(ten, eight);
  assert.equal(x.wins, 8);
  assert.ok(Math.abs(x.p - 112 / 1024) < 1e-12);
  // 5 of 10: no evidence either way (p capped at 1).
  assert.equal(paired(ten, ten.map((v, i) => (i % 2 ? v + 1 : v - 1))).p, 1);
});

test('paired: a round without a time on either side is left out; no rounds is no verdict', () => {
  const x = paired([1, NaN, 3, 4], [2, 2, NaN, 5]);
  assert.equal(x.rounds, 2);
  assert.equal(x.wins, 2);
  assert.equal(x.median, -1);
  const none = paired([], []);
  assert.equal(none.rounds, 0);
  assert.equal(none.p, 1);
  assert.ok(Number.isNaN(none.median));
});
