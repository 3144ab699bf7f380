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
    let long = line.len() > LONG_LINE_BYTES;
    // In a long line the items' own line breaks are gone: an item number that continues its
    // sequence ("…推动更好发挥政府作用(一)推进…高效1.优化…") starts an item even without a
    // full stop before it.
    let last = std::cell::RefCell::new([0u32; 5]);
    let last_row = std::cell::Cell::new(0u32);
    cut_in_brackets(line, long, |rest, prev| {
        if long && prev == ' ' {
            // A table flattened onto the line with single spaces: its header ("序号 工作内容 …")
            // and its rows, each opening with the next bare number ("… 全年 2 出台…").
            if rest.starts_with("序号 ") || rest.starts_with("序號 ") {
                return true;
            }
            if let Some(value) = bare_row_number(rest) {
                if value == last_row.get() + 1 {
                    last_row.set(value);
                    return true;
                }
            }
        }
        let Some(n) = numbering(rest).filter(|n| n.rest.chars().nth(3).is_some()) else { return false };
        let mut last = last.borrow_mut();
        let rank = usize::from(n.rank).min(4);
        // In a long line a space before "二、" is where its line broke.
        let boundary = prev == BOUNDARY || (long && prev == ' ' && n.rank <= 2);
        // A first item (1. / （一） / （1）) may open a sub-list anywhere; "一、" only after a
        // boundary, as "统一、简明" is no item.
        let opens = n.value == 1 && n.rank != 1;
        // The next number, or one or two further on (plans skip numbers).
        let next = last[rank] > 0 && (last[rank] + 1..=last[rank] + 3).contains(&n.value);
        let in_sequence = long && !prev.is_ascii_digit() && (next || opens);
        if boundary || in_sequence {
            last[rank] = n.value;
            true
        } else {
            false
        }
    })
    .into_iter()
    .flat_map(|piece| {
        // Checking a clause is linear in the piece: only short pieces (a run-on paragraph
        // of a few measures) are checked at every bracket, so this stays linear overall.
        if piece.len() > MAX_CLAUSE_SPLIT_BYTES {
            return vec![piece];
        }
        cut(piece, |rest, prev| {
            let after_bracket = prev == BOUNDARY && piece[..piece.len() - rest.len()].ends_with(is_close_bracket);
            after_bracket
                && (find(rest).is_some() || starts_tail(rest) || next_sentence_awaits_clause(&piece[..piece.len() - rest.len()], rest))
                && clause_ends_before(piece, rest)
        })
    })
    .collect()
}

/// A line longer than this has lost its line breaks (a page or plan saved on one line).
const LONG_LINE_BYTES: usize = 1000;

/// "12 推进…": a bare row number, a space, then text.
pub(crate) fn bare_row_number(rest: &str) -> Option<u32> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    let text_follows = after.strip_prefix(' ').and_then(|a| a.chars().next()).is_some_and(crate::text::is_han);
    (digits > 0 && digits <= 4 && text_follows).then(|| rest[..digits].parse().ok()).flatten()
}

/// What `cut` passes as the previous character at a sentence end or closing bracket.
const BOUNDARY: char = '\u{0}';

/// The longest piece checked for measures separated only by their clauses.
const MAX_CLAUSE_SPLIT_BYTES: usize = 6000;

/// Cuts `line` at depth-0 positions after a sentence end or closing bracket where `at(rest,
/// previous char)` holds.
fn cut<'a>(line: &'a str, at: impl Fn(&'a str, char) -> bool) -> Vec<&'a str> {
    cut_in_brackets(line, false, at)
}

/// [`cut`]; with `inside`, also inside an unclosed bracket (a clause whose closing bracket was
/// never printed), where a cut closes it.
fn cut_in_brackets<'a>(line: &'a str, inside: bool, at: impl Fn(&'a str, char) -> bool) -> Vec<&'a str> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let boundary = prev.is_some_and(|p| matches!(p, '。' | '；' | ';' | '：' | ':' | '！') || is_close_bracket(p));
        // Only where an item number or a new sentence can start: a digit, a Chinese numeral
        // or an opening bracket, or anything right after a boundary.
        let candidate = boundary || prev == Some(' ') || c.is_ascii_digit() || crate::text::is_cn_digit(c) || is_open_bracket(c);
        if (depth == 0 || inside) && i > 0 && !is_space(c) && candidate {
            let p = if boundary { BOUNDARY } else { prev.unwrap_or(' ') };
            if at(&line[i..], p) {
                cuts.push(i);
                depth = 0;
            }
        }
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        } else if c == '。' {
            // Brackets do not run across a full stop: one left open by page furniture
            // ("【字体") must not hide every item after it.
            depth = 0;
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

/// After "…左右。(X牵头)", a sentence that ends the line or is followed by a bracket
/// ("万元工业增加值取水量降低20%。(" …) is the next measure, its clause further on or on the
/// next line.
fn next_sentence_awaits_clause(before: &str, rest: &str) -> bool {
    let clause_after_full_stop = find(before).is_some_and(|c| before[..c.start].trim_end().ends_with('。'));
    let Some(stop) = rest.find('。') else { return false };
    let after = rest[stop + '。'.len_utf8()..].trim_start();
    clause_after_full_stop && (after.is_empty() || after.starts_with(is_open_bracket))
}

/// What follows the last measure of a page saved on one line: the signature and the page's
/// own links ("中共宁远县委办公室 2022年8月3日印发上一篇: 下一篇:").
fn starts_tail(rest: &str) -> bool {
    ["中共", "上一篇", "下一篇", "扫一扫", "【打印", "打印本页", "关闭窗口", "附件", "抄送", "(此件", "（此件"]
        .iter()
        .any(|w| rest.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_in_one_paragraph() {
        let l = "這十件實事是:1.新修高標準基本農田10萬畝。2.引入社會資金2億元,建成1所學校。3.完成縣城小學新建工程。";
        assert_eq!(
            split_items(l),
            ["這十件實事是:", "1.新修高標準基本農田10萬畝。", "2.引入社會資金2億元,建成1所學校。", "3.完成縣城小學新建工程。"]
        );
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
        // The last measure's clause on the next line.
        let l = "常住人口控制在1150万人左右。(市公安局牵头)耕地保有量保持稳定。";
        assert_eq!(split_items(l), ["常住人口控制在1150万人左右。(市公安局牵头)", "耕地保有量保持稳定。"]);
        // The page's signature after the last measure is not part of it.
        let l = "加强宣传。(牵头单位:县司法局)中共宁远县委办公室 2022年8月3日印发上一篇: 下一篇:";
        assert_eq!(split_items(l), ["加强宣传。(牵头单位:县司法局)", "中共宁远县委办公室 2022年8月3日印发上一篇: 下一篇:"]);
    }

    #[test]
    fn decimals_years_and_junk() {
        assert_eq!(split_items("投资增长12.5%。2025年完成。"), ["投资增长12.5%。2025年完成。"]);
        assert_eq!(strip_junk("?。(二)推進東部石化基地"), "(二)推進東部石化基地");
        assert_eq!(strip_junk("??加强法治宣传"), "加强法治宣传");
        assert_eq!(strip_junk("加强法治宣传?"), "加强法治宣传?");
    }
}
