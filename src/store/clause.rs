//! A measure's unit clause as printed (`raw`: 牵头单位：区司法局；配合单位：区法院、区检察院),
//! stored as a skeleton of the measure's own unit names: each name the clause prints becomes
//! one private-use character, U+E000 + the name's number in lead, then support, then
//! responsible (牵头单位：\u{E000}；配合单位：\u{E001}、\u{E002}). The names are in the file
//! already, and the skeletons repeat across hundreds of measures, so the string table keeps one
//! of each: the default corpus's data file is about 1.8 KB gzipped smaller (3 %).
//!
//! A clause that itself holds a character of the marker range (U+E000–U+E0FF; no real plan
//! does) is stored verbatim after [`VERBATIM`], so every clause round-trips exactly.

use super::error::Corruption;
use std::borrow::Cow;

/// The first marker: name `i` is U+E000 + i.
const FIRST: u32 = 0xE000;
/// Names numbered 0..MARKERS can be written as markers; later ones stay as printed.
const MARKERS: usize = 0xFF;
/// Starts a clause stored verbatim.
const VERBATIM: char = '\u{E0FF}';

fn is_marker_range(c: char) -> bool {
    (FIRST..=FIRST + MARKERS as u32).contains(&(c as u32))
}

/// The skeleton of `raw` over `names` (the measure's lead, support and responsible units, in
/// that order): scanning left to right, the longest name printed at each position becomes its
/// marker (the first of equal names).
pub(super) fn skeleton<'a>(raw: &'a str, names: &[&str]) -> Cow<'a, str> {
    if raw.chars().any(is_marker_range) {
        return Cow::Owned(format!("{VERBATIM}{raw}"));
    }
    let names: Vec<(usize, &str)> = names.iter().copied().enumerate().take(MARKERS).filter(|(_, n)| !n.is_empty()).collect();
    if names.is_empty() {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let best = names.iter().filter(|(_, n)| rest.starts_with(n)).fold(None, |best: Option<(usize, &str)>, &(i, n)| match best {
            Some((_, b)) if b.len() >= n.len() => best,
            _ => Some((i, n)),
        });
        match best {
            Some((i, n)) => {
                // i < MARKERS, so the marker is a valid character.
                out.push(char::from_u32(FIRST + i as u32).unwrap_or(VERBATIM));
                rest = &rest[n.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// The clause a [`skeleton`] stands for, given the same names as lists (lead, support,
/// responsible). Fails on a marker past the names. `charge` is called with the bytes the names
/// add (the reader's expansion budget).
pub(super) fn expand(
    skeleton: &str,
    lists: [&[String]; 3],
    mut charge: impl FnMut(usize) -> Result<(), Corruption>,
) -> Result<String, Corruption> {
    if let Some(verbatim) = skeleton.strip_prefix(VERBATIM) {
        return Ok(verbatim.to_owned());
    }
    let mut out = String::with_capacity(skeleton.len() * 2);
    for c in skeleton.chars() {
        if is_marker_range(c) {
            let i = (c as u32 - FIRST) as usize;
            let name = lists.iter().flat_map(|l| l.iter()).nth(i);
            let name = name.ok_or(Corruption::NoSuchClauseName { index: i, names: lists.iter().map(|l| l.len()).sum() })?;
            charge(name.len())?;
            out.push_str(name);
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(raw: &str, names: &[&str]) -> String {
        let s = skeleton(raw, names).into_owned();
        // Split as a measure's lead, support and responsible lists are.
        let owned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let (a, rest) = owned.split_at(owned.len().min(1));
        let (b, c) = rest.split_at(rest.len().min(2));
        assert_eq!(expand(&s, [a, b, c], |_| Ok(())).unwrap(), raw, "skeleton {s:?}");
        s
    }

    #[test]
    fn names_become_markers_and_come_back() {
        let s = round_trip("牵头单位：区司法局；配合单位：区法院、区检察院", &["区司法局", "区法院", "区检察院"]);
        assert_eq!(s, "牵头单位：\u{E000}；配合单位：\u{E001}、\u{E002}");
        // Two clauses of the same shape share one skeleton (what makes the file smaller).
        assert_eq!(round_trip("牵头单位：区财政局；配合单位：区审计局、区税务局", &["区财政局", "区审计局", "区税务局"]), s);
    }

    #[test]
    fn the_longest_name_wins_and_unprinted_names_are_left_out() {
        let s = round_trip("责任单位：区法院执行局、区法院", &["区法院", "区法院执行局", "县公安局"]);
        assert_eq!(s, "责任单位：\u{E001}、\u{E000}");
        // Equal names: the first one's number.
        assert_eq!(round_trip("区法院、区法院", &["区法院", "区法院"]), "\u{E000}、\u{E000}");
        assert_eq!(round_trip("", &["区法院"]), "");
        assert_eq!(round_trip("各镇（街道）", &[]), "各镇（街道）");
        assert_eq!(round_trip("区法院", &["", "区法院"]), "\u{E001}");
    }

    #[test]
    fn a_clause_holding_a_marker_character_is_kept_verbatim() {
        for raw in ["牵头单位：\u{E000}区司法局", "\u{E0FF}", "区法院\u{E0FE}"] {
            let s = round_trip(raw, &["区司法局", "区法院"]);
            assert!(s.starts_with(VERBATIM), "{s:?}");
        }
    }

    #[test]
    fn only_the_first_255_names_get_markers() {
        let names: Vec<String> = (0..300).map(|i| format!("单位{i:03}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let raw = "单位000、单位254、单位255、单位299";
        let s = round_trip(raw, &refs);
        assert_eq!(s, "\u{E000}、\u{E0FE}、单位255、单位299");
    }

    #[test]
    fn a_marker_past_the_names_is_corruption() {
        let one = ["区法院".to_string()];
        let err = expand("牵头单位：\u{E003}", [&one, &[], &one], |_| Ok(())).unwrap_err();
        assert_eq!(err, Corruption::NoSuchClauseName { index: 3, names: 2 });
        // The names a clause adds are charged to the reader's budget.
        let mut charged = 0;
        expand("\u{E000}\u{E000}", [&one, &[], &[]], |n| {
            charged += n;
            Ok(())
        })
        .unwrap();
        assert_eq!(charged, 2 * "区法院".len());
    }
}
