//! Runs into lines (reading order, cells, wraps), and pages into one text without page
//! numbers or running headers.

use super::content::Run;
use crate::ingest::outline::numbering;
use crate::ingest::unit_list::looks_like_unit_list;
use std::collections::BTreeMap;

/// A line of a page, and whether it runs to the right margin (so wraps on to the next line).
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) full: bool,
}

/// The runs of a page as lines: grouped by baseline, top to bottom, left to right; a wide gap
/// between runs is a tab (a table's next cell). A line that reaches the page's right margin
/// wrapped there: the text goes on in the next line, even after a full stop.
pub(super) fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| {
        b.y.partial_cmp(&a.y).unwrap_or(std::cmp::Ordering::Equal).then(a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal))
    });
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - r.y).abs() <= line[0].size.min(r.size) * 0.5 => line.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let margin = lines.iter().flatten().map(|r| r.end.max(r.x)).fold(f64::MIN, f64::max);
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
            let last = line.last().map_or((f64::MIN, 1.0), |r| (r.end.max(r.x), r.size));
            // Line breaking leaves up to two characters of room (a closing quote may not start a
            // line, so the character before it moves down too).
            let full = last.0 >= margin - 2.5 * last.1;
            let mut out = String::new();
            let mut prev_end: Option<(f64, f64)> = None;
            for r in line {
                if let Some((end, size)) = prev_end {
                    let gap = r.x - end;
                    let ascii = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                        && r.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                    if gap > 2.0 * size {
                        out.push('\t');
                    } else if ascii && gap > 0.15 * size {
                        out.push(' ');
                    }
                }
                out.push_str(&r.text);
                prev_end = Some((r.end.max(r.x), r.size));
            }
            let text = out.trim().to_string();
            Line { full: full && !text.contains('\t'), text }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// A line that is only a page number: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 9 页, 3/9.
pub(super) fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '·')).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(&t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        return digits(n) && (tail.is_empty() || tail.strip_prefix('共').and_then(|x| x.strip_suffix('页')).is_some_and(digits));
    }
    t.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Pages' lines as one text, page numbers and lines repeated at the top or bottom of most
/// pages (running headers and footers) left out, wrapped lines joined (across pages too).
pub(super) fn join_pages(pages: Vec<Vec<Line>>) -> String {
    let mut edge_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for lines in &pages {
        let mut edges: Vec<&str> = lines.iter().take(2).chain(lines.iter().rev().take(2)).map(|l| l.text.as_str()).collect();
        edges.dedup();
        for e in edges {
            *edge_counts.entry(e).or_default() += 1;
        }
    }
    let running = |l: &str| pages.len() >= 3 && edge_counts.get(l).is_some_and(|&n| n * 2 > pages.len());
    let kept: Vec<&Line> = pages
        .iter()
        .flat_map(|lines| {
            let last = lines.len().saturating_sub(2);
            lines
                .iter()
                .enumerate()
                .filter(move |(i, l)| !(is_page_number(&l.text) || ((*i < 2 || *i >= last) && running(&l.text))))
                .map(|(_, l)| l)
        })
        .collect();
    let mut out = String::new();
    for (i, l) in kept.iter().enumerate() {
        out.push_str(&l.text);
        if !(l.full && wraps_into(&l.text, kept.get(i + 1).map(|n| n.text.as_str()))) {
            out.push('\n');
        }
    }
    out
}

/// Whether a line that reaches the right margin goes on in `next`: always, unless it ends a
/// unit clause, or ends a sentence and the next line starts something of its own (a numbered
/// item, a heading, a table's unit cell) — a paragraph can end exactly at the margin.
pub(super) fn wraps_into(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    // A closing bracket at the margin ends a unit clause （责任单位：…）: the measure ends there.
    if line.ends_with(['）', ')', '〕', ']', '】']) {
        return false;
    }
    let ends_sentence = line.ends_with(['。', '；', '！', '？', '：', '.', ';']);
    !ends_sentence || (numbering(next).is_none() && !looks_like_unit_list(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for p in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "3/9"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3、加强执法", "第三章", "2021年"] {
            assert!(!is_page_number(p), "{p}");
        }
    }
}
