//! When a question names something the corpus does not hold: similar unit names to try, and
//! example questions when nothing was asked.

use super::search::Hits;
use super::{Engine, Family, Intent, Reading};
use crate::text::cat;
use crate::units::{Kind, PlaceId, UnitId};

/// Most suggestions offered when a unit name is not found.
pub const MAX_SUGGESTIONS: usize = 5;
/// Longest phrase considered for typo correction and suggestions (longer ones are not names).
pub const MAX_NAME_CHARS: usize = 32;

impl Engine {
    /// When a topic or keyword answer found nothing and its one phrase looks like a unit name
    /// (ends in 局, 办…) or resembles names: says no such unit, with similar names.
    #[inline(never)]
    pub(super) fn unknown_unit(&self, h: &mut Hits, r: &Reading) {
        let [phrase] = r.topics.as_slice() else {
            return;
        };
        let s: Vec<char> = phrase.chars().collect();
        if s.len() > MAX_NAME_CHARS || r.quoted.contains(phrase) {
            return;
        }
        let looks_like_unit = crate::units::ends_like_a_body(phrase);
        let close: Vec<&(Vec<char>, String, Vec<UnitId>)> =
            if s.len() >= 3 { self.unit_forms().forms.iter().filter(|(f, _, _)| within_one_edit(f, &s)).collect() } else { Vec::new() };
        // One edit away but ambiguous: those names first, then names that look alike.
        let suggestions: Vec<String> =
            dedup(close.iter().flat_map(|(_, _, us)| us.iter().map(|&u| self.unit_name(u).to_string())).chain(self.similar_names(&s)))
                .into_iter()
                .take(MAX_SUGGESTIONS)
                .collect();
        if looks_like_unit || !suggestions.is_empty() && s.len() >= 3 {
            if looks_like_unit {
                h.intent = Intent::Unit;
                h.topic = None;
                h.keywords.clear();
                h.family = Some(r.family.unwrap_or(Family::Any));
                h.unit_text = vec![phrase.clone()];
                h.message = Some(cat(&["没有找到名为“", phrase, "”的单位。"]));
            }
            h.suggestions = suggestions;
        }
    }

    /// Unit names most like `s`: names containing it or contained in it first, then by shared
    /// character bigrams. Display names, distinct, at most [`MAX_SUGGESTIONS`].
    pub(super) fn similar_names(&self, s: &[char]) -> Vec<String> {
        if s.len() < 2 {
            return Vec::new();
        }
        let grams: Vec<(char, char)> = s.windows(2).map(|w| (w[0], w[1])).collect();
        let needle: String = s.iter().collect();
        let forms = self.unit_forms();
        // Only forms sharing a bigram can contain, be contained in, or resemble the phrase.
        let mut candidates: Vec<u32> = grams
            .iter()
            .filter_map(|g| forms.grams.binary_search_by_key(g, |(k, _)| *k).ok())
            .flat_map(|i| forms.grams[i].1.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut scored: Vec<(usize, usize, &Vec<UnitId>)> = Vec::new();
        for &c in &candidates {
            let (form, f, units) = &forms.forms[c as usize];
            let contain = if f.contains(needle.as_str()) || needle.contains(f.as_str()) { 100 } else { 0 };
            let shared = form.windows(2).filter(|w| grams.contains(&(w[0], w[1]))).count();
            if contain + shared > 0 && (contain > 0 || shared * 2 >= grams.len().min(form.len().saturating_sub(1)).max(1)) {
                scored.push((contain + shared, form.len(), units));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        dedup(scored.iter().flat_map(|(_, _, us)| us.iter().map(|&u| self.unit_name(u).to_string())))
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .collect()
    }

    /// The most active units of the given places (all places when empty): example questions.
    #[inline(never)]
    pub(super) fn top_units(&self, places: &[PlaceId]) -> Vec<String> {
        let mut us: Vec<UnitId> = (0..self.dir.units.len() as UnitId)
            .filter(|&u| {
                let unit = &self.dir.units[u as usize];
                unit.kind != Kind::Collective && (places.is_empty() || places.contains(&unit.place))
            })
            .collect();
        us.sort_by_key(|&u| std::cmp::Reverse(self.roles.units[u as usize].named[0].len() + self.roles.units[u as usize].named[1].len()));
        dedup(us.into_iter().map(|u| cat(&[self.unit_name(u), "牵头哪些任务"]))).into_iter().take(MAX_SUGGESTIONS).collect()
    }
}

/// True when `a` and `b` differ by at most one inserted, deleted or replaced character.
pub fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..].iter().skip(1).eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The distinct items, in first-seen order.
pub fn dedup<T: PartialEq>(it: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("区司法局"), &c("区司法句")));
        assert!(within_one_edit(&c("区司法局"), &c("区司局")));
        assert!(within_one_edit(&c("区司法局"), &c("区司法局x")));
        assert!(!within_one_edit(&c("区司法局"), &c("区法司局")));
        assert!(within_one_edit(&c(""), &c("a")));
    }
}
