//! Division-of-labour tables, however they were flattened to text:
//! - one cell per line (`序号` / `工作任务` / `牵头单位` / `责任单位` / `完成时限` each on a line,
//!   then each row's cells on lines of their own; a row may start `1.task` or a bare `1`);
//! - one row per line, cells separated by `|` (pipe and markdown tables), tabs or runs of spaces.
//!
//! The header names the columns; a row's cells are given to columns by what they are (a unit
//! list, a time, a person, prose), so a missing cell ("a row with one cell") or an empty
//! column (`序号 名称 工作任务 牵头责任单位`) does not shift the others. People (责任领导) and
//! deadlines are never units; the deadline is kept on the row.

use super::clause::{split_units, Clause, RoleWord};
use super::outline::{numbering, strip_markdown};
use super::unit_list::looks_like_unit_list;
use super::verb_clause;
use super::words::{header_label, is_time, Label};
use crate::text::{is_han, is_space, simplify, trim};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Number,
    /// The task text (任务 / 具体项目 / 工作措施 …); several such columns are joined.
    Task,
    /// Units in a role; the header name as printed (for the row's `raw`).
    Role(String, RoleWord),
    People,
    Deadline,
    /// 备注 / 落实情况 …: neither task nor units.
    Other,
}

/// Headers of the number column.
const NUMBER_HEADERS: &[&str] = &["序号", "编号", "序"];
/// Headers of columns that are neither task nor units.
const OTHER_HEADERS: &[&str] = &["备注", "落实情况", "完成情况", "进展情况", "工作进展", "推进情况", "目前进展", "说明"];
/// Endings of other text columns' headers (建设地点, 年度投资金额(万元), 当前进度 …).
const OTHER_ENDINGS: &[&str] = &[
    "地点",
    "时间",
    "金额",
    "情况",
    "进度",
    "标准",
    "规模",
    "类型",
    "说明",
    "资金",
    "投资",
    "万元)",
    "万元）",
    "数量",
    "期限",
    "来源",
    "成效",
    "领域",
];

/// Endings of task-column headers (工作任务, 具体措施, 主要内容, 具体项目, 名称 …).
const TASK_ENDINGS: &[&str] =
    &["任务", "措施", "内容", "事项", "项目", "举措", "目标", "工作", "名称", "要求", "指标", "类别", "领域", "分类", "项"];

/// The column a header cell names, if it is a header cell.
pub fn column_of(cell: &str) -> Option<Column> {
    let cell = trim(strip_markdown(cell));
    let cell: String = cell.chars().filter(|c| !is_space(*c)).collect();
    let key = simplify(&cell);
    if cell.is_empty() || cell.chars().count() > 12 {
        return None;
    }
    if let Some(label) = header_label(&cell) {
        return Some(match label {
            Label::Role(r) => Column::Role(cell.clone(), r),
            Label::People => Column::People,
            Label::Deadline => Column::Deadline,
        });
    }
    if NUMBER_HEADERS.contains(&key.as_str()) {
        return Some(Column::Number);
    }
    if OTHER_HEADERS.contains(&key.as_str()) {
        return Some(Column::Other);
    }
    let wordy = key.chars().all(|c| is_han(c) || c.is_ascii_digit() || matches!(c, '(' | ')' | '（' | '）')) && key.chars().any(is_han);
    if wordy && TASK_ENDINGS.iter().any(|e| key.ends_with(e)) && key.chars().count() <= 10 {
        return Some(Column::Task);
    }
    if wordy && OTHER_ENDINGS.iter().any(|e| key.ends_with(e)) && key.chars().count() <= 10 {
        return Some(Column::Other);
    }
    None
}

/// How the cells of a row are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Each cell on a line of its own.
    CellPerLine,
    /// `| a | b |`
    Pipe,
    /// Tabs or runs of two or more spaces (a single space where the header uses single spaces).
    Spaces { single: bool },
}

/// A table header: its columns and how its rows are laid out.
#[derive(Debug, Clone)]
pub struct Header {
    pub columns: Vec<Column>,
    layout: Layout,
}

impl Header {
    fn has_roles(&self) -> bool {
        self.columns.iter().any(|c| matches!(c, Column::Role(..)))
    }
}

/// Splits a line into cells for `layout`.
fn split_cells(line: &str, layout: Layout) -> Vec<String> {
    let line = trim(line);
    match layout {
        Layout::CellPerLine => vec![line.to_string()],
        Layout::Pipe => {
            let inner = line.strip_prefix('|').unwrap_or(line);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            inner.split(['|', '｜']).map(|c| trim(c).to_string()).collect()
        }
        Layout::Spaces { single } => split_on_gaps(line, single),
    }
}

/// Splits on tabs and on runs of spaces (of two or more unless `single`).
fn split_on_gaps(line: &str, single: bool) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut gap = 0usize;
    let mut tab = false;
    for c in line.chars() {
        if is_space(c) {
            gap += 1;
            tab |= c == '\t' || c == '\u{3000}';
            continue;
        }
        if gap > 0 && (tab || gap >= 2 || single) && !cur.is_empty() {
            cells.push(std::mem::take(&mut cur));
        } else if gap > 0 && !cur.is_empty() {
            cur.push(' ');
        }
        gap = 0;
        tab = false;
        cur.push(c);
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    cells
}

/// A header on one line (`序号 | 任务 | 牵头单位 | 责任单位`, or separated by spaces or tabs).
pub fn header_line(line: &str) -> Option<Header> {
    let line = trim(strip_markdown(line));
    let layouts: &[Layout] =
        if line.contains(['|', '｜']) { &[Layout::Pipe] } else { &[Layout::Spaces { single: false }, Layout::Spaces { single: true }] };
    for &layout in layouts {
        let cells: Vec<String> = split_cells(line, layout).into_iter().filter(|c| !c.is_empty()).collect();
        let cells = join_spaced_characters(cells);
        if cells.len() < 2 {
            continue;
        }
        let columns: Option<Vec<Column>> = cells.iter().map(|c| column_of(c)).collect();
        if let Some(columns) = columns {
            let header = Header { columns, layout };
            if header.has_roles() {
                return Some(header);
            }
        }
    }
    None
}

/// "工 作 内 容": a header word printed with a space between its characters is one cell.
fn join_spaced_characters(cells: Vec<String>) -> Vec<String> {
    let single = |c: &str| c.chars().count() == 1 && c.chars().all(is_han);
    let mut out: Vec<String> = Vec::new();
    let mut run = false;
    for cell in cells {
        if single(&cell) && run {
            if let Some(last) = out.last_mut() {
                last.push_str(&cell);
                continue;
            }
        }
        run = single(&cell);
        out.push(cell);
    }
    out
}

/// A header with one cell per line starting at `lines[i]`: the header and how many lines it
/// takes. At least two header cells, one of them a role.
pub fn header_cells(lines: &[String], i: usize) -> Option<(Header, usize)> {
    let columns: Vec<Column> = lines[i..].iter().map_while(|l| column_of(l)).collect();
    let header = Header { columns, layout: Layout::CellPerLine };
    (header.columns.len() >= 2 && header.has_roles()).then(|| {
        let n = header.columns.len();
        (header, n)
    })
}

/// One row of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub number: Option<String>,
    pub task: String,
    pub clause: Clause,
    /// Something odd about the row, for a warning.
    pub note: Option<String>,
}

/// What a cell looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Units,
    Time,
    Person,
    Number,
    Prose,
}

/// A cell without the full stop some tables end their unit lists with ("区政府各部门，…，魏武国控
/// 集团。"). Only a list (two or more names) loses it: a one-name cell with a full stop is as
/// likely a task ("迁建县政务服务中心。").
fn cell_text(cell: &str) -> &str {
    let c = trim(cell);
    let bare = trim(c.trim_end_matches(['。', '；', ';']));
    if bare.len() < c.len() && bare.contains(['、', '，', ',']) {
        bare
    } else {
        c
    }
}

fn cell_kind(cell: &str) -> Cell {
    let c = cell_text(cell);
    if !c.is_empty() && c.chars().count() <= 4 && c.chars().all(|ch| ch.is_ascii_digit()) {
        return Cell::Number;
    }
    if is_time(c) {
        return Cell::Time;
    }
    // A unit cell may be a verb clause ("县市场监管局牵头，各有关部门按照职责分工负责").
    if looks_like_unit_list(c) || verb_clause::is_whole(c) {
        return Cell::Units;
    }
    if is_person(c) {
        return Cell::Person;
    }
    Cell::Prose
}

/// Official titles that mark a cell of people (责任领导 columns): 副县长 张三, 县委常委.
const TITLES: &[&str] =
    &["县长", "区长", "市长", "书记", "主任", "常委", "部长", "局长", "主席", "省长", "秘书长", "检察长", "院长", "州长"];

/// A person or a list of people: short Han names, or official titles.
fn is_person(s: &str) -> bool {
    let key = simplify(s);
    // "钱 宇": a two-character name printed with a space between.
    let squeezed: String = key.chars().filter(|c| !is_space(*c)).collect();
    if squeezed.chars().count() == 2 && squeezed.chars().all(is_han) && !key.contains(['、', '，', ',']) {
        return true;
    }
    let names: Vec<&str> = key.split(['、', '，', ',', ' ', '　']).filter(|n| !n.is_empty()).collect();
    !names.is_empty()
        && names.iter().all(|n| {
            let k = n.chars().count();
            n.chars().all(is_han) && ((2..=3).contains(&k) || (TITLES.iter().any(|t| n.ends_with(t)) && k <= 10))
        })
}

/// Reads a row from its cells (after the number and task have been found): each cell goes to
/// the first free column of its kind, left to right.
fn fill(header: &Header, number: Option<String>, task_cells: Vec<String>, cells: &[String]) -> Row {
    let roles: Vec<(usize, &String, RoleWord)> = header
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Role(name, r) => Some((i, name, *r)),
            _ => None,
        })
        .collect();
    let mut role_cells: Vec<Option<String>> = vec![None; roles.len()];
    let mut deadline = String::new();
    let mut task = task_cells;
    let mut next_role = 0;
    let mut note = None;
    for cell in cells.iter().map(|c| trim(c)).filter(|c| !c.is_empty()) {
        match cell_kind(cell) {
            Cell::Units if next_role < roles.len() => {
                role_cells[next_role] = Some(cell_text(cell).to_string());
                next_role += 1;
            }
            Cell::Units => {
                // More unit cells than role columns: joined to the last, and said.
                if let Some(Some(last)) = role_cells.last_mut() {
                    last.push('、');
                    last.push_str(cell_text(cell));
                }
                note = Some(format!("has more unit cells than its {} unit columns: extra cells joined to the last", roles.len()));
            }
            Cell::Time if header.columns.contains(&Column::Deadline) => deadline = cell.to_string(),
            Cell::Person if header.columns.contains(&Column::People) => {}
            _ if next_role == 0 => task.push(cell.to_string()),
            _ => {}
        }
    }
    let filled = role_cells.iter().filter(|c| c.is_some()).count();
    if filled < roles.len() && note.is_none() {
        note = Some(format!("has {filled} of {} unit cells", roles.len()));
    }
    let columns: Vec<(&str, RoleWord)> = roles.iter().map(|(_, name, r)| (name.as_str(), *r)).collect();
    let clause = role_clause(&columns, &role_cells, deadline);
    Row { number, task: task.join(""), clause, note }
}

/// Reads one row laid out on one line; None if the line is not a row of this header (a
/// section heading, a title, prose between tables).
pub fn row_on_line(header: &Header, line: &str) -> Option<Row> {
    if header.layout == Layout::CellPerLine {
        return None;
    }
    let cells = split_cells(strip_markdown(line), header.layout);
    let cells: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
    // Markdown's |---|---| separator.
    if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | '—' | ' '))) {
        return None;
    }
    if cells.len() < 2 || !cells.iter().any(|c| cell_kind(c) == Cell::Units) {
        return None;
    }
    let mut rest = &cells[..];
    let mut number = None;
    if let Some(first) = rest.first() {
        if cell_kind(first) == Cell::Number {
            number = Some(trim(first).to_string());
            rest = &rest[1..];
        } else if let Some(n) = numbering(first) {
            let prose = rest.iter().take_while(|c| cell_kind(c) == Cell::Prose).count();
            // Merged section cells before the task ("一、… | （一）… | 1.加强…"): the deepest
            // numbered cell is the row's item, the ones before it only name its sections.
            let item = (1..prose).rev().find_map(|k| numbering(&rest[k]).filter(|m| m.rank > n.rank).map(|m| (k, m)));
            let (k, n) = item.unwrap_or((0, n));
            number = Some(n.number.clone());
            let mut task = vec![n.rest.to_string()];
            task.extend(rest[k + 1..prose].iter().cloned());
            return Some(fill(header, number, task, &rest[prose..]));
        }
    }
    Some(fill(header, number, Vec::new(), rest))
}

/// Reads a row laid out one cell per line from `lines[i..]`: the row and how many lines it
/// took, or None if `lines[i]` does not start a row. A row starts with a numbered task
/// (`1.推进…`), a bare number followed by its task, or a task line; its unit, time and
/// people cells follow, up to the next line that starts a row or a section.
pub fn row_of_cells(header: &Header, lines: &[String], i: usize) -> Option<(Row, usize)> {
    if header.layout != Layout::CellPerLine {
        return None;
    }
    let first = strip_markdown(&lines[i]);
    if let Some(row) = numbered_row(header, lines, i) {
        return Some(row);
    }
    let mut j = i + 1;
    let (number, task) = match cell_kind(first) {
        Cell::Number => {
            let task = lines.get(j).filter(|l| cell_kind(l) == Cell::Prose)?;
            j += 1;
            (Some(trim(first).to_string()), trim(task).to_string())
        }
        Cell::Prose => match numbering(first) {
            Some(n) if n.rank == 1 || n.rank == 2 => return None,
            Some(n) => (Some(n.number.clone()), n.rest.to_string()),
            None => (None, trim(first).to_string()),
        },
        _ => return None,
    };
    let start_cells = j;
    // Names alone are no row: a short header cell left over after the header ("是否达序",
    // then "说明", which reads like a two-character name).
    let mut names_only = true;
    while j < lines.len() {
        match cell_kind(&lines[j]) {
            Cell::Units | Cell::Time => names_only = false,
            Cell::Person => {}
            _ => break,
        }
        j += 1;
    }
    if names_only {
        return None;
    }
    Some((fill(header, number, vec![task], &lines[start_cells..j]), j - i))
}

/// A row that starts with a bare number (`1`) and runs to the next number in sequence (`2`),
/// a section heading or the end: when it has one line for every column after 序号, cells are
/// given to columns by position (a place cell such as "相关镇(街道)" is not read as units
/// because it sits in the 建设地点 column).
fn numbered_row(header: &Header, lines: &[String], i: usize) -> Option<(Row, usize)> {
    let first = trim(strip_markdown(&lines[i]));
    if header.columns.first() != Some(&Column::Number) || cell_kind(first) != Cell::Number {
        return None;
    }
    let n: u32 = first.parse().ok()?;
    let next = (n + 1).to_string();
    let width = header.columns.len() - 1;
    let end = (i + 1..lines.len().min(i + 2 + width))
        .find(|&j| trim(&lines[j]) == next || numbering(&lines[j]).is_some_and(|x| x.rank <= 2))
        .unwrap_or(lines.len().min(i + 1 + width));
    let cells = &lines[i + 1..end];
    // A numbered item among the cells ("1" / "主要预期目标" / "1.地区生产总值…"): the number
    // heads a group of merged rows, read row by row instead.
    if cells.len() != width || cells.iter().any(|c| numbering(c).is_some()) {
        return None;
    }
    // By position every cell must fit its column: a units column holding prose or a name, or
    // a people column holding units, means a cell of the row was empty and left no line (the
    // cells after it moved up one): read the row by what its cells are instead.
    let misplaced = header.columns[1..].iter().zip(cells).any(|(column, cell)| {
        let kind = cell_kind(cell);
        match column {
            Column::Role(..) => !trim(cell).is_empty() && kind != Cell::Units,
            Column::People => kind == Cell::Units,
            _ => false,
        }
    });
    if misplaced {
        return None;
    }
    let mut task = Vec::new();
    let mut unit_cells = Vec::new();
    let mut columns = vec![Column::Number];
    for (column, cell) in header.columns[1..].iter().zip(cells) {
        match column {
            Column::Task => task.push(trim(cell).to_string()),
            Column::Role(..) | Column::Deadline | Column::People => {
                columns.push(column.clone());
                unit_cells.push(cell.clone());
            }
            _ => {}
        }
    }
    // The kept columns, in order, with their cells: fill them as a complete row.
    let kept = Header { columns, layout: header.layout };
    let mut row = fill_positional(&kept, Some(first.to_string()), task, &unit_cells);
    if row.task.is_empty() {
        return None;
    }
    row.note = None;
    Some((row, end - i))
}

/// Fills a row whose cells stand in the columns after 序号 of `header`, one for one.
fn fill_positional(header: &Header, number: Option<String>, task: Vec<String>, cells: &[String]) -> Row {
    let mut roles: Vec<(&str, RoleWord)> = Vec::new();
    let mut role_cells: Vec<Option<String>> = Vec::new();
    let mut deadline = String::new();
    for (column, cell) in header.columns[1..].iter().zip(cells) {
        match column {
            Column::Role(name, role) => {
                roles.push((name, *role));
                role_cells.push(Some(cell_text(cell).to_string()));
            }
            Column::Deadline => deadline = trim(cell).to_string(),
            _ => {}
        }
    }
    Row { number, task: task.join(""), clause: role_clause(&roles, &role_cells, deadline), note: None }
}

/// The clause of a row from its role columns (header name, role) and their cells, in order:
/// `raw` joins them as "牵头单位：<cell>；责任单位：<cell>" (a missing cell is empty), and 责任
/// columns support when a lead column names a unit.
fn role_clause(roles: &[(&str, RoleWord)], cells: &[Option<String>], deadline: String) -> Clause {
    let mut clause = Clause { deadline, ..Clause::default() };
    clause.raw = roles
        .iter()
        .zip(cells)
        .map(|((name, _), cell)| format!("{}：{}", name, cell.as_deref().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("；");
    // A cell that names its own roles ("X牵头，Y配合") is read as a verb clause, whose
    // units after the last verb take the column's role.
    let verbs: Vec<Option<Clause>> =
        roles.iter().zip(cells).map(|((_, r), c)| c.as_deref().and_then(|c| verb_clause::parse_labelled(c, *r))).collect();
    let has_lead = roles.iter().zip(cells).zip(&verbs).any(|(((_, r), c), v)| match v {
        Some(v) => !v.lead.is_empty(),
        None => *r == RoleWord::Lead && c.as_deref().is_some_and(|c| !split_units(c).is_empty()),
    });
    for (((_, role), cell), verb) in roles.iter().zip(cells).zip(verbs) {
        match verb {
            Some(v) => {
                clause.lead.extend(v.lead);
                clause.support.extend(v.support);
                clause.add(RoleWord::Responsible, has_lead, v.responsible);
            }
            None => clause.add(*role, has_lead, split_units(cell.as_deref().unwrap_or(""))),
        }
    }
    clause
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn headers_one_line() {
        let h = header_line("序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |").unwrap();
        assert_eq!(h.columns.len(), 5);
        assert_eq!(h.columns[2], Column::People);
        let h = header_line("序号  名称  工作任务  牵头责任单位").unwrap();
        assert_eq!(h.columns[3], Column::Role("牵头责任单位".into(), RoleWord::Lead));
        let h = header_line("序号 工 作 内 容 责任部门 完成时限").unwrap();
        assert_eq!(h.columns, [Column::Number, Column::Task, Column::Role("责任部门".into(), RoleWord::Responsible), Column::Deadline]);
        let h = header_line("序号\t任务\t牵头单位\t责任单位\t完成时限").unwrap();
        assert_eq!(h.columns[4], Column::Deadline);
        assert!(header_line("一、加强组织领导").is_none());
        assert!(header_line("牵头单位要加强协调 各部门配合").is_none());
    }

    #[test]
    fn pipe_rows_with_people_and_space_separated_units() {
        let h = header_line("序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |").unwrap();
        let r = row_on_line(&h, "1 | 推动义务教育均衡发展,完成迁建项目。 | 毛晓青 | 县教体局 各相关乡镇政府 | 已完成项目建设。 |").unwrap();
        assert_eq!(r.number.as_deref(), Some("1"));
        assert_eq!(r.task, "推动义务教育均衡发展,完成迁建项目。");
        assert_eq!(r.clause.responsible, ["县教体局", "各相关乡镇政府"]);
        assert!(r.clause.lead.is_empty());
        assert!(row_on_line(&h, "|---|---|---|---|---|").is_none());
    }

    #[test]
    fn space_rows_with_an_empty_column_and_deadline() {
        let h = header_line("序号 名称 工作任务 牵头责任单位 配合单位 完成时限").unwrap();
        let r = row_on_line(&h, "3 深化“放管服”改革，推行告知承诺制。 县政务服务中心 县发改局、县市场监管局 2022年12月底前").unwrap();
        assert_eq!(r.number.as_deref(), Some("3"));
        assert_eq!(r.clause.lead, ["县政务服务中心"]);
        assert_eq!(r.clause.support, ["县发改局", "县市场监管局"]);
        assert_eq!(r.clause.deadline, "2022年12月底前");
        assert_eq!(r.clause.raw, "牵头责任单位：县政务服务中心；配合单位：县发改局、县市场监管局");
    }

    #[test]
    fn numbered_rows_by_position() {
        let l = lines("序號\n項目名稱\n建設地點\n建設時間\n2024年建設內容\n責任單位\n1\n洋縣中小學改造項目\n相關鎮 (街道)\n2024\n對學校運動場地進行改造。\n教體局\n2\n城北小學門前道路建設項目\n紙坊街道\n2024\n建成道路。\n住建局\n");
        let (h, n) = header_cells(&l, 0).unwrap();
        assert_eq!(n, 6);
        let (r, used) = row_of_cells(&h, &l, 6).unwrap();
        assert_eq!(used, 6);
        assert_eq!(r.clause.responsible, ["教體局"]);
        assert!(r.task.starts_with("洋縣中小學改造項目"));
        let (r, _) = row_of_cells(&h, &l, 12).unwrap();
        assert_eq!(r.clause.responsible, ["住建局"]);
    }

    #[test]
    fn cells_one_per_line() {
        let l = lines("序号\n工作任务\n牵头单位\n责任单位\n完成时限\n1\n推行行政执法公示制度。\n县司法局\n县直各执法部门\n2022年底\n2\n加强行政复议工作。\n县司法局\n长期坚持\n");
        let (h, n) = header_cells(&l, 0).unwrap();
        assert_eq!(n, 5);
        let (r, used) = row_of_cells(&h, &l, 5).unwrap();
        assert_eq!(used, 5);
        assert_eq!(r.clause.lead, ["县司法局"]);
        assert_eq!(r.clause.support, ["县直各执法部门"]);
        assert_eq!(r.clause.deadline, "2022年底");
        let (r, used) = row_of_cells(&h, &l, 10).unwrap();
        assert_eq!((used, r.clause.lead.clone()), (4, vec!["县司法局".to_string()]));
        assert_eq!(r.note.as_deref(), Some("has 1 of 2 unit cells"));
    }
}
