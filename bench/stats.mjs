// Order statistics shared by the benchmarks (bench/web, bench/peers).

/** The median of `xs` (mean of the two middle values for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The `p`-th percentile of `xs` by the nearest-rank method. */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/**
 * Two systems timed round by round (`a[i]` and `b[i]` in the same round, runs taken in turns):
 * the median of the rounds' differences a − b, in how many rounds a came first (ties left
 * out), and the two-sided sign test's p-value for "neither comes first more often than the
 * other". On a machine where single cold loads swing by ±30 ms, two medians a few ms apart
 * say little by themselves; the pairs and the sign test say whether the gap is real.
 */
export function paired(a, b) {
  const diffs = a.map((x, i) => x - b[i]).filter((d) => Number.isFinite(d));
  const decided = diffs.filter((d) => d !== 0);
  const wins = decided.filter((d) => d < 0).length;
  const n = decided.length;
  // P(X ≤ k) for X ~ Binomial(n, ½), summed exactly (n is a few dozen rounds).
  const cdf = (k) => {
    let p = 0;
    let term = 0.5 ** n;
    for (let i = 0; i <= k; i++) {
      p += term;
      term *= (n - i) / (i + 1);
    }
    return p;
  };
  const p = n ? Math.min(1, 2 * Math.min(cdf(wins), cdf(n - wins))) : 1;
  return { median: diffs.length ? median(diffs) : NaN, wins, rounds: n, p };
}
