//! The order a data file stores its documents in: the one that compresses smallest.
//!
//! gzip (what a server sends the data file with) finds repeats only in the 32 KB before each
//! byte, and plans of one province repeat each other's wording: the default corpus's three
//! Hunan plans written side by side compress 1.8 KB smaller than in file-name order (49.5 →
//! 47.7 KB). Which order pays is not predicted well by any similarity of the texts tried
//! (shared n-grams of whole documents or of their last 32 KB), so the orders are compressed and
//! compared: every order up to [`MAX_TRIED`] documents, the order given beyond.

/// Documents beyond which the order given is kept: 5! orders take ~0.3 s natively for the
/// default plans (and longer in the builder page's wasm); 6! would take six times that.
const MAX_TRIED: usize = 5;

/// The encoding, by `encode`, of the order of `n` documents (their indices) that deflates
/// smallest: the order given when no other is smaller, or when there are too many documents to
/// try them all.
pub fn smallest(n: usize, encode: impl Fn(&[usize]) -> Vec<u8>) -> Vec<u8> {
    let mut order: Vec<usize> = (0..n).collect();
    let given = encode(&order);
    if !(2..=MAX_TRIED).contains(&n) {
        return given;
    }
    let size = |bytes: &[u8]| miniz_oxide::deflate::compress_to_vec(bytes, 9).len();
    let mut best = (size(&given), given);
    while next_permutation(&mut order) {
        let bytes = encode(&order);
        let s = size(&bytes);
        if s < best.0 {
            best = (s, bytes);
        }
    }
    best.1
}

/// Steps `order` to the next permutation in lexicographic order; false after the last.
/// (A few lines, where a crate for it would be a dependency for one loop.)
fn next_permutation(order: &mut [usize]) -> bool {
    let Some(i) = (1..order.len()).rev().find(|&i| order[i - 1] < order[i]) else {
        return false;
    };
    let j = (i..order.len()).rev().find(|&j| order[j] > order[i - 1]).unwrap_or(i);
    order.swap(i - 1, j);
    order[i..].reverse();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_is_tried_once() {
        let mut order = vec![0, 1, 2, 3];
        let mut seen = vec![order.clone()];
        while next_permutation(&mut order) {
            seen.push(order.clone());
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 24);
    }

    #[test]
    fn the_smallest_order_is_found_and_the_given_one_kept_when_as_small() {
        // Document 2 repeats document 0 (far beyond 32 KB of noise in document 1).
        let noise: Vec<u8> = (0..40_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let text: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(40_503) >> 7) as u8).collect();
        let docs = [text.clone(), noise, text];
        let encode = |order: &[usize]| order.iter().flat_map(|&i| docs[i].clone()).collect::<Vec<u8>>();
        let best = smallest(3, encode);
        // 0 and 2 side by side, 1 at an end.
        let side_by_side: Vec<Vec<u8>> = [[1, 0, 2], [1, 2, 0], [0, 2, 1], [2, 0, 1]].iter().map(|o| encode(o)).collect();
        assert!(side_by_side.contains(&best), "an order that puts the repeats side by side");
        // The order given, when no other is smaller or there is only one document.
        assert_eq!(smallest(1, |o: &[usize]| o.iter().map(|&i| i as u8 + 7).collect()), [7]);
        // (Ten copies of a byte below 144 deflate to the same size whichever byte it is.)
        let same_size = |o: &[usize]| vec![o[0] as u8; 10];
        assert_eq!(smallest(3, same_size), [0; 10]);
    }
}
