//! Lines that hold several items: a whole plan saved on one line, items run together in one
//! paragraph ("这十件实事是:1.…。2.…。"), or measures separated only by their clauses
//! ("…降低20%。(市经委牵头)万元工业增加值…(市节水办牵头)"). Each is cut where an item starts,
//! so the outline sees one item per line as in a well-laid-out plan.

use super::clause::find;
use super::outline::numbering;
use crate::text::{is_close_bracket, is_open_bracket, is_space, trim};

/// Junk that scraped pages leave before a paragraph: "??", "？？", "?。".
pub fn strip_junk(line: &str) -> &str {
    let rest = line.trim_start_matches(['?', '？']);
    if rest.len() == line.len() {
        return line;
    }
    let rest = rest.strip_prefix('。').unwrap_or(rest);
    let rest = trim(rest);
    if rest.is_empty() {
        line
    } else {
        rest
    }
}

/// Cuts `line` before every item that starts inside it: a numbering right after a sentence
/// end (。；：) or a closing bracket; then, inside each piece, the text after a bracketed
/// clause when that text ends with a clause of its own.
pub fn split_items(line: &str) -> Vec<&str> {
    cut(line, |rest, _| starts_item(rest))
        .into_iter()
        .flat_map(|piece| {
            // Checking a clause is linear in the piece: only short pieces (a run-on paragraph
            // of a few measures) are checked at every bracket, so this stays linear overall.
            if piece.len() > MAX_CLAUSE_SPLIT_BYTES {
                return vec![piece];
            }
            cut(piece, |rest, prev| is_close_bracket(prev) && find(rest).is_some() && clause_ends_before(piece, rest))
        })
        .collect()
}

/// The longest piece checked for measures separated only by their clauses.
const MAX_CLAUSE_SPLIT_BYTES: usize = 6000;

/// Cuts `line` at depth-0 positions after a sentence end or closing bracket where `at(rest,
/// previous char)` holds.
fn cut<'a>(line: &'a str, at: impl Fn(&'a str, char) -> bool) -> Vec<&'a str> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let boundary = depth == 0 && !is_space(c) && prev.is_some_and(|p| matches!(p, '。' | '；' | ';' | '：' | ':' | '！') || is_close_bracket(p));
        if boundary {
            if at(&line[i..], prev.unwrap_or(' ')) {
                cuts.push(i);
            }
        }
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        }
        prev = Some(c);
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for c in cuts {
        out.push(trim(&line[from..c]));
        from = c;
    }
    out.push(trim(&line[from..]));
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Does a bracketed unit clause end `piece` just before `rest` (a suffix of it), and `rest`
/// start new text rather than continue the clause ("；参加单位：…")?
fn clause_ends_before(piece: &str, rest: &str) -> bool {
    let i = piece.len() - rest.len();
    let continues_clause = rest.starts_with(['；', ';', '，', ',', '、', '。', '.']) || super::words::label_at(rest).is_some();
    !continues_clause && find(&piece[..i]).is_some_and(|c| c.end == i && c.raw.starts_with(is_open_bracket))
}

/// Does an item start here: "2." "2、" "（三）" "(3)" "四、" followed by text?
fn starts_item(s: &str) -> bool {
    numbering(s).is_some_and(|n| n.rest.chars().nth(3).is_some())
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_in_one_paragraph() {
        let l = "這十件實事是:1.新修高標準基本農田10萬畝。2.引入社會資金2億元,建成1所學校。3.完成縣城小學新建工程。";
        assert_eq!(split_items(l), ["這十件實事是:", "1.新修高標準基本農田10萬畝。", "2.引入社會資金2億元,建成1所學校。", "3.完成縣城小學新建工程。"]);
        let l = "1.地区生产总值增长11%左右。(省发改委负责)2.公共财政收入增长13%左右。(省财政厅主办,省国税局协办)";
        assert_eq!(split_items(l).len(), 2);
        let l = "一、总体要求。（一）指导思想。坚持以人民为中心。（二）工作目标。到2025年基本建成。";
        assert_eq!(split_items(l).len(), 3);
    }

    #[test]
    fn measures_separated_by_their_clauses() {
        let l = "常住人口控制在1150万人左右。(市公安局牵头)万元地区生产总值能源消耗降低20%。(市经委牵头)";
        assert_eq!(split_items(l), ["常住人口控制在1150万人左右。(市公安局牵头)", "万元地区生产总值能源消耗降低20%。(市经委牵头)"]);
        // Prose after a clause is not a new measure.
        let l = "（牵头单位：县司法局）负责组织实施，确保落实。";
        assert_eq!(split_items(l), [l]);
        // A unit's own brackets end no clause.
        let l = "推进。牵头单位：区区局(街、区)；参加单位：区区局";
        assert_eq!(split_items(l), [l]);
    }

    #[test]
    fn decimals_years_and_junk() {
        assert_eq!(split_items("投资增长12.5%。2025年完成。"), ["投资增长12.5%。2025年完成。"]);
        assert_eq!(strip_junk("?。(二)推進東部石化基地"), "(二)推進東部石化基地");
        assert_eq!(strip_junk("??加强法治宣传"), "加强法治宣传");
        assert_eq!(strip_junk("加强法治宣传?"), "加强法治宣传?");
    }
}
