//! Text -> logical lines: page furniture dropped, markdown marks removed, and lines that a
//! page break split (inside a sentence, a unit name, or even `（牵` / `头单位：`) joined again.

use super::clause::{find, looks_like_unit_list};
use super::outline::{is_plan_title, numbering, strip_markdown};
use super::split;
use super::unit_list::ends_like_unit;
use super::verb_clause;
use super::words::label_at;
use crate::text::{is_close_bracket, is_open_bracket, is_space, trim};

/// Lines of a scraped web page that are never plan content (navigation, sharing, metadata).
const FURNITURE_PREFIXES: &[&str] = &[
    "您现在所在的位置",
    "当前位置",
    "您的位置",
    "分享到",
    "索引号",
    "公开方式",
    "统一登记号",
    "发布时间",
    "来源:",
    "来源：",
    "作者:",
    "作者：",
    "发布机构",
    "字体【",
    "字体:",
    "字体：",
    "【字体",
    "上一篇",
    "下一篇",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印",
    "【关闭",
    "设为首页",
    "加入收藏",
    "无障碍",
    "长者版",
    "主题词",
    "信息时效性",
    "浏览次数",
    "访问量",
    "[bookmark",
    "无标题文档",
];

fn is_furniture(line: &str) -> bool {
    let l = trim(line);
    // Furniture is a short line; a long one that starts like it is a page saved on one line,
    // and its content comes after.
    if l.len() > MAX_FURNITURE_BYTES {
        return false;
    }
    let l = trim(l.strip_prefix('•').unwrap_or(l));
    FURNITURE_PREFIXES.iter().any(|p| l.starts_with(p))
        || matches!(l, "打印" | "关闭" | "返回顶部" | "【打印】" | "【关闭】" | "分享" | "收藏")
}

/// The longest line dropped as page furniture (navigation lines are short).
const MAX_FURNITURE_BYTES: usize = 600;

/// Punctuation after which a line is complete, so a following line is a new paragraph.
fn ends_complete(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| {
        matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '》' | '」' | '』' | '”' | '"') || is_close_bracket(c)
    })
}

/// Does the line open a new item or section (so it never continues the previous line)?
fn starts_block(line: &str) -> bool {
    let l = trim(line);
    l.starts_with('#') || numbering(strip_markdown(l)).is_some() || is_plan_title(l)
}

/// Is this line a unit clause on its own: "(责任单位：市政府有关部门)", "牵头单位：X",
/// "责任领导：张三", "完成时限：年底", "（X牵头，Y配合）"?
fn is_clause_line(line: &str) -> bool {
    let l = trim(line);
    let inner = l.strip_prefix(|c: char| is_open_bracket(c) && c != '【' && c != '[').unwrap_or(l);
    let inner = trim(inner);
    // "4项目标的责任单位均为X。", "该目标责任单位为X。": a clause for the items above.
    let inner = &inner[super::words::determiner_len(inner)..];
    label_at(inner).is_some() || verb_clause::is_whole(l)
}

/// The longest unit clause looked for at the end of a paragraph, in characters.
const MAX_CLAUSE_CHARS: usize = 200;

/// Should `next` be glued onto `prev` (a line broken by a page break)?
fn continues(prev: &str, next: &str) -> bool {
    // A clause on lines of its own joins its item: after the item's text, or after the
    // clause lines already joined to it.
    if is_clause_line(next) && !is_plan_title(prev) {
        let clause = find(prev);
        if prev.contains('。') || numbering(strip_markdown(prev)).is_some() || clause.is_some() {
            return clause.is_none_or(|c| prev[c.end..].chars().all(|c| is_space(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.')));
        }
    }
    if ends_complete(prev) || starts_block(next) || trim(prev).starts_with('#') || is_plan_title(prev) {
        return false;
    }
    // Headings ("二、健全……体系") are complete without a full stop.
    if numbering(strip_markdown(prev)).is_some_and(|n| !n.rest.contains('。')) {
        return false;
    }
    // Table header cells (序号 / 项目名称 / 责任单位), header lines and rows opening with a
    // bare number ("2 出台… 四月份") stand alone.
    if super::table::column_of(next).is_some() || super::table::header_line(next).is_some() || split::bare_row_number(next).is_some() {
        return false;
    }
    let ends_mid_list = prev.ends_with(['、', '，', ',']);
    if !ends_mid_list && (looks_like_unit_list(next) || looks_like_unit_list(prev)) {
        return false;
    }
    // A paragraph that ends in its unit clause is complete ("存在问题：…。责任单位：嵩阳街道",
    // then the next block's place line), unless a bracket is still open ("（牵头单位：市政府办"
    // then "公室，…）") or the next line goes on with its unit list.
    // Only the last few hundred characters are read: lines glued one after another make
    // `prev` grow, and reading all of it each time would be quadratic.
    if !ends_mid_list && ends_like_unit(prev) {
        let tail = &prev[prev.char_indices().rev().nth(MAX_CLAUSE_CHARS).map_or(0, |(i, _)| i)..];
        let open = tail.chars().filter(|c| is_open_bracket(*c)).count() > tail.chars().filter(|c| is_close_bracket(*c)).count();
        let next_continues_list = next.starts_with(['、', '，', ',']) || looks_like_unit_list(next.trim_end_matches(is_close_bracket));
        if !open && !next_continues_list && find(tail).is_some_and(|c| c.has_units() && trim(&tail[c.end..]).is_empty()) {
            return false;
        }
    }
    prev.chars().nth(14).is_some() || ends_mid_list
}

/// Cleans a decoded document into logical lines (no blank lines, each trimmed).
pub fn clean(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_row = false;
    for raw in text.split('\n') {
        let line = split::strip_junk(trim(raw));
        // A cell of a table flattened one cell per line, closed by its own pipe ("序号 |").
        let line = match line.strip_suffix(['|', '｜']) {
            Some(cell) if !cell.contains(['|', '｜']) => trim(cell),
            _ => line,
        };
        // A line of bare pipes separates the cells of a table flattened one cell per line.
        let pipes_only = line.chars().all(|c| matches!(c, '|' | '｜') || c.is_whitespace());
        if line.is_empty() || is_furniture(line) || pipes_only {
            continue;
        }
        for line in split::split_items(line) {
            // Table rows laid out on one line (| or tab separated) are never glued; whether
            // the last line is one is remembered, not searched for again as it grows.
            let row = line.contains(['|', '｜', '\t']);
            if let Some(prev) = out.last_mut() {
                if !row && !prev_row && continues(prev, line) {
                    prev.push_str(line);
                    continue;
                }
            }
            out.push(line.to_string());
            prev_row = row;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_page_break_splits() {
        let t = "2. 推动政府事权规范化、法治化。按照有利于发挥行政效能、\n\n支出责任与财政事权相适应。（责任单位：市政府各部门）\n";
        assert_eq!(
            clean(t),
            ["2. 推动政府事权规范化、法治化。按照有利于发挥行政效能、支出责任与财政事权相适应。（责任单位：市政府各部门）"]
        );
        let t = "38. 完善衔接机制。建立健全行政执法机关与司法机关案件移送制度。（牵\n\n头单位：市委政法委，参加单位：市法院）\n";
        assert_eq!(clean(t).len(), 1);
        assert!(clean(t)[0].contains("（牵头单位：市委政法委"));
    }

    #[test]
    fn keeps_headings_titles_and_table_cells_apart() {
        let t = "2021 年度襄州区法治政府建设工作要点\n\n2021 年是中国共产党成立 100 周年。\n";
        assert_eq!(clean(t).len(), 2);
        let t = "一、深入学习贯彻习近平法治思想,努力实现法治政府建设全面突破\n\n坚持以习近平新时代中国特色社会主义思想为指导。\n";
        assert_eq!(clean(t).len(), 2);
        let t = "47.各级党委(党组)要将习近平法治思想作为重要内容。\n\n区委依法治区办、区委组织部、区委宣传部、区教育局\n\n各街办、区直各部门,区委政法委、区人大常委会办公室\n";
        assert_eq!(clean(t).len(), 3);
    }

    #[test]
    fn clause_on_its_own_line_joins_its_item() {
        let t = "47. 依法慎重实施行政强制。采用非强制性手段。  \n(责任单位：市政府有关部门、各乡镇街道)\n";
        assert_eq!(clean(t), ["47. 依法慎重实施行政强制。采用非强制性手段。(责任单位：市政府有关部门、各乡镇街道)"]);
    }

    #[test]
    fn drops_page_furniture() {
        let t = "您现在所在的位置: 首页 > 政务公开\n分享到:\n索引号: 4311260016/2023-37416\n  • 字体【      】\n上一篇: 下一篇:\n正文。\n";
        assert_eq!(clean(t), ["正文。"]);
    }
}
