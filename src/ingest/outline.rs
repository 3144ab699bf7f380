//! Logical lines -> plans, section outlines and measures.
//!
//! A plan starts at its title line (…方案 / 细则 / 规划 / 工作要点). Inside a plan, numbered
//! lines have a *rank* by their numbering style (一、 > （一） > 1. > （1）). The rank whose
//! items carry unit clauses is the plan's *measure rank*: its items are measures, higher ranks
//! are section headings, and unnumbered paragraphs with their own clause are measures too.
//! Division-of-labour tables (header cells 牵头单位 / 责任单位) give each numbered row its cells.

use super::clause::{self, Clause};
use super::conventions;
use super::table;
use crate::model::{Document, Measure, PlanSummary, Warning};
use crate::text::{cn_value, is_close_bracket, is_cn_digit, is_open_bracket, is_space, trim};
use std::collections::HashMap;

/// A numbered line: "二、…", "（三）…", "12.…", "（4）…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering<'a> {
    /// 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）: smaller is outer.
    pub rank: u8,
    pub value: u32,
    /// The punctuation after the number ('、', '.', '．') or ')' for bracketed numbers.
    pub sep: char,
    /// The number as printed, without punctuation: "12", "三".
    pub number: String,
    /// The rest of the line after the number, trimmed.
    pub rest: &'a str,
}

/// Recognises the number at the start of a line, if any.
pub fn numbering(line: &str) -> Option<Numbering<'_>> {
    let line = trim(line);
    let mut chars = line.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let bracketed = is_open_bracket(first) && first != '〔' && first != '【';
    if bracketed {
        chars.next();
    }
    let digits_start = chars.peek()?.0;
    let mut digits_end = digits_start;
    let mut arabic = None;
    while let Some(&(i, c)) = chars.peek() {
        let is_ar = c.is_ascii_digit();
        let is_cn = is_cn_digit(c);
        if !(is_ar || is_cn) || arabic.is_some_and(|a| a != is_ar) {
            break;
        }
        arabic = Some(is_ar);
        digits_end = i + c.len_utf8();
        chars.next();
    }
    let arabic = arabic?;
    let number = &line[digits_start..digits_end];
    let (sep_at, sep) = chars.next()?;
    let ok = if bracketed {
        is_close_bracket(sep)
    } else if arabic {
        matches!(sep, '.' | '．' | '、' | '﹒') && !decimal_follows(&line[sep_at + sep.len_utf8()..])
    } else {
        matches!(sep, '、' | '.' | '．' | '﹒')
    };
    if !ok || number.chars().count() > 4 {
        return None;
    }
    let value = if arabic { number.parse().ok()? } else { cn_value(number)? };
    let rank = match (bracketed, arabic) {
        (false, false) => 1,
        (true, false) => 2,
        (false, true) => 3,
        (true, true) => 4,
    };
    let sep = if bracketed { ')' } else { sep };
    let rest = trim(&line[sep_at + line[sep_at..].chars().next().map_or(0, char::len_utf8)..]);
    Some(Numbering { rank, value, sep, number: number.to_string(), rest })
}

/// After "12." a digit means a decimal ("12.4国家宪法日"), unless it starts a year
/// ("25.2024年前基本建成…").
fn decimal_follows(after_sep: &str) -> bool {
    let digits = after_sep.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && !(digits == 4 && after_sep[digits..].starts_with('年'))
}

/// Removes markdown heading and bold marks: "### （一）推进…" -> "（一）推进…", "**七、…**" -> "七、…".
pub fn strip_markdown(line: &str) -> &str {
    let l = trim(line).trim_start_matches('#');
    let l = trim(l);
    let l = l.strip_prefix("**").unwrap_or(l);
    let l = l.strip_suffix("**").unwrap_or(l);
    trim(l)
}

const TITLE_ENDINGS: &[&str] = &["方案", "细则", "规划", "要点", "纲要", "计划", "清单", "分解", "分工", "分解表", "分工表"];
const NOT_TITLE_WORDS: &[&str] = &["关于", "通知", "的函", "印发"];
const NOT_TITLE_STARTS: &[&str] = &["特制定", "制定", "为", "根据", "现将", "按照", "结合", "附件"];

/// Is this line the title of a plan (方案/细则/规划/工作要点/分工方案…), not a notice or prose?
pub fn is_plan_title(line: &str) -> bool {
    let l = strip_markdown(line);
    // Titles are short; checked on bytes first so that long (growing) lines cost nothing.
    if l.len() > 80 * 4 {
        return false;
    }
    // Words are matched in simplified characters (實施方案, 關於印發).
    let simplified = crate::text::simplify(l);
    let l = simplified.as_str();
    let n = l.chars().count();
    if !(6..=80).contains(&n)
        || numbering(l).is_some()
        || l.contains(['。', '，', ',', '；', ';', '：', ':'])
        || NOT_TITLE_WORDS.iter().any(|w| l.contains(w))
        || NOT_TITLE_STARTS.iter().any(|w| l.starts_with(w))
    {
        return false;
    }
    let count = |c: char| l.chars().filter(|x| *x == c).count();
    let open = l.chars().filter(|c| matches!(c, '(' | '（')).count();
    let close = l.chars().filter(|c| matches!(c, ')' | '）')).count();
    let book_gap = count('《') as i64 - count('》') as i64;
    if open != close || count('〈') != count('〉') || count('<') != count('>') || !(0..=1).contains(&book_gap) {
        return false;
    }
    // Strip trailing closers and a trailing "(2021-2025年)" before looking at the last word.
    let mut core = l;
    loop {
        let before = core;
        core = trim(core.trim_end_matches(['》', '」', '”', '"']));
        if core.ends_with(is_close_bracket) {
            if let Some(i) = core.rfind(['(', '（']) {
                core = &core[..i];
            }
        }
        if core == before {
            break;
        }
    }
    TITLE_ENDINGS.iter().any(|e| core.ends_with(e))
}

/// Parses a cleaned document into plans and measures.
/// `raw` is the decoded text before cleaning (its furniture lines name issuers); `place`,
/// when given, is the place of every plan (the user's word beats the reader's).
pub fn parse(name: &str, lines: &[String], raw: &str, place: Option<&str>) -> Document {
    let raw_lines: Vec<&str> = raw.lines().map(trim).filter(|l| !l.is_empty()).collect();
    let places = super::place::DocumentPlaces::read(&raw_lines);
    let mut title_at: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| is_plan_title(l)).map(|(i, _)| i).collect();
    let mut untitled = None;
    if title_at.is_empty() {
        untitled = Some(guess_title(name, lines));
    }
    let mut doc = Document { name: name.to_string(), plans: Vec::new(), measures: Vec::new(), warnings: Vec::new() };
    let starts: Vec<usize> = if untitled.is_some() { vec![0] } else { std::mem::take(&mut title_at) };
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let (title, body) = match &untitled {
            Some(t) => (t.clone(), &lines[start..end]),
            None => (strip_markdown(&lines[start]).to_string(), &lines[start + 1..end]),
        };
        let plan = PlanCtx { doc: name, title: &title };
        let (mut measures, warnings) = parse_plan(&plan, body);
        if measures.is_empty() {
            continue;
        }
        let place = match place {
            Some(p) => p.to_string(),
            None => read_place(&title, &places, &measures, &mut doc.warnings),
        };
        for m in &mut measures {
            m.jurisdiction = place.clone();
        }
        doc.plans.push(PlanSummary { title: title.clone(), jurisdiction: place.clone(), measures: measures.len() });
        doc.measures.extend(measures);
        doc.warnings.extend(warnings);
    }
    doc
}

fn guess_title(name: &str, lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| strip_markdown(l))
        .find(|l| l.chars().count() <= 80 && TITLE_ENDINGS.iter().any(|e| l.contains(e)) && numbering(l).is_none())
        .map(str::to_string)
        .unwrap_or_else(|| name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string())
}

struct PlanCtx<'a> {
    doc: &'a str,
    title: &'a str,
}

/// The plan's place as [`super::place`] reads it, with a warning when it is a guess or unknown.
fn read_place(title: &str, places: &super::place::DocumentPlaces, measures: &[Measure], warnings: &mut Vec<Warning>) -> String {
    // The level most of the plan's units are named at (县司法局 → 县).
    let mut levels: HashMap<char, usize> = HashMap::new();
    for m in measures {
        for (_, u) in m.units() {
            if let Some(c) = u.chars().next().map(crate::text::simplified).filter(|c| matches!(c, '省' | '市' | '区' | '县')) {
                *levels.entry(c).or_default() += 1;
            }
        }
    }
    let level = levels.into_iter().max_by_key(|(c, n)| (*n, *c)).map(|(c, _)| c);
    let warn = |message: String| Warning { plan: title.to_string(), message };
    match places.for_plan(title, level) {
        Some(super::place::Found::Sure(p)) => p,
        Some(super::place::Found::Guessed(p)) => {
            warnings.push(warn(format!(
                "the place {p} was guessed from the text (a place it cites or names, not its title or issuer): check it, or set it with --place"
            )));
            p
        }
        None => {
            warnings.push(warn(
                "the place this plan is for was not found in its title, issuing body or document number: set it with --place".into(),
            ));
            String::new()
        }
    }
}

#[derive(Debug, Clone)]
struct Heading {
    rank: u8,
    value: u32,
    sep: char,
    text: String,
}

/// What each line of a plan is, decided before measures are built.
enum Line<'a> {
    /// A table header line (or one header cell).
    Header,
    Numbered(Numbering<'a>),
    Other(&'a str),
    /// A table row starting here; the lines it took after this one are [`Line::Taken`].
    Row(TableRow),
    Taken,
}

/// A table row with the numbering rank its number has (arabic rows rank with `1.` items).
struct TableRow {
    row: table::Row,
    rank: u8,
    value: Option<u32>,
}

impl TableRow {
    fn new(row: table::Row) -> Self {
        let value = row.number.as_deref().and_then(|n| n.parse().ok().or_else(|| cn_value(n)));
        let rank = match row.number.as_deref().and_then(|n| n.chars().next()) {
            Some(c) if is_cn_digit(c) => 1,
            _ => 3,
        };
        TableRow { row, rank, value }
    }
}

/// Reads what each line is: table headers (one per line or one cell per line) switch on
/// table reading for the lines after them, rows take their cells; other lines are numbered
/// items or paragraphs.
fn classify<'a>(lines: &'a [String]) -> Vec<Line<'a>> {
    let mut kinds: Vec<Line> = Vec::with_capacity(lines.len());
    let mut header: Option<table::Header> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].as_str();
        if let Some(h) = table::header_line(line) {
            header = Some(h);
            kinds.push(Line::Header);
            i += 1;
            continue;
        }
        if let Some((h, n)) = table::header_cells(lines, i) {
            header = Some(h);
            kinds.extend((0..n).map(|_| Line::Header));
            i += n;
            continue;
        }
        if let Some(h) = &header {
            if let Some(row) = table::row_on_line(h, line) {
                kinds.push(Line::Row(TableRow::new(row)));
                i += 1;
                continue;
            }
            if let Some((row, n)) = table::row_of_cells(h, lines, i) {
                kinds.push(Line::Row(TableRow::new(row)));
                kinds.extend((1..n).map(|_| Line::Taken));
                i += n;
                continue;
            }
        }
        kinds.push(match numbering(strip_markdown(line)) {
            Some(n) => Line::Numbered(n),
            None => Line::Other(line),
        });
        i += 1;
    }
    kinds
}

fn parse_plan(plan: &PlanCtx, lines: &[String]) -> (Vec<Measure>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let warn = |warnings: &mut Vec<Warning>, message: String| warnings.push(Warning { plan: plan.title.to_string(), message });

    let kinds = classify(lines);
    let table = kinds.iter().any(|k| matches!(k, Line::Header));

    // The measure rank: the numbering rank whose items most often carry units.
    let mut carrying: HashMap<u8, usize> = HashMap::new();
    for k in &kinds {
        match k {
            Line::Numbered(n) if clause::find(n.rest).is_some() => *carrying.entry(n.rank).or_default() += 1,
            Line::Row(r) => *carrying.entry(r.rank).or_default() += 1,
            _ => {}
        }
    }
    let measure_rank = carrying.iter().max_by_key(|(rank, count)| (**count, **rank)).map(|(r, _)| *r).or_else(|| {
        kinds
            .iter()
            .filter_map(|k| match k {
                Line::Numbered(n) if n.rest.contains('。') => Some(n.rank),
                _ => None,
            })
            .max()
    });
    // No numbered item carries units, but paragraphs do (unnumbered blocks of "存在问题：…" /
    // "责任单位：…"): every numbered line is then a heading.
    let paragraph_clauses = || kinds.iter().any(|k| matches!(k, Line::Other(t) if clause::find(t).is_some()));
    let Some(measure_rank) = measure_rank.or_else(|| paragraph_clauses().then_some(u8::MAX)) else {
        return (Vec::new(), warnings);
    };

    let mut measures: Vec<Measure> = Vec::new();
    let mut stack: Vec<Heading> = Vec::new();
    // The last numbered measure: parent of unnumbered paragraphs until the next heading.
    let mut last_number: Option<(String, u32)> = None;
    // The previous measure number in the plan, for numbering-gap warnings.
    let mut prev_number: Option<(String, u32)> = None;
    let mut open_measure = false;
    // Section-rank items with no sub-items and no clause, waiting to learn whether a sibling's
    // clause makes them measures.
    let mut leaves: Vec<(String, &str)> = Vec::new();
    let mut leaves_rank: Option<u8> = None;
    let mut i = 0;
    while i < kinds.len() {
        match &kinds[i] {
            Line::Header => open_measure = false,
            Line::Taken => {}
            Line::Row(r) => {
                let clause = match merged_units(&kinds[..i], &r.row) {
                    Some(above) => {
                        warn(
                            &mut warnings,
                            "table row (unnumbered) has no unit cells: took the units of the row above (a merged cell)".into(),
                        );
                        Clause { deadline: r.row.clause.deadline.clone(), ..above.clone() }
                    }
                    None => {
                        if let Some(note) = &r.row.note {
                            warn(&mut warnings, format!("table row {} {note}", r.row.number.as_deref().unwrap_or("(unnumbered)")));
                        }
                        r.row.clause.clone()
                    }
                };
                let parent = match &r.row.number {
                    Some(number) => {
                        check_sequence(&mut warnings, plan, &prev_number, number, r.value.unwrap_or(0));
                        last_number = Some((number.clone(), r.value.unwrap_or(0)));
                        prev_number = last_number.clone();
                        None
                    }
                    None => last_number.as_ref().map(|(p, _)| p.clone()),
                };
                measures.push(build_measure(plan, &stack, r.row.number.clone(), parent, &r.row.task, Some(clause), &mut warnings));
                open_measure = true;
            }
            Line::Numbered(n) if n.rank == measure_rank => {
                check_sequence(&mut warnings, plan, &prev_number, &n.number, n.value);
                let clause = clause::find(n.rest).or_else(|| units_in_text(&mut warnings, plan, &n.number, n.rest));
                if clause.is_none() {
                    warn(&mut warnings, no_clause_note(&n.number));
                }
                measures.push(build_measure(plan, &stack, Some(n.number.clone()), None, n.rest, clause, &mut warnings));
                last_number = Some((n.number.clone(), n.value));
                prev_number = last_number.clone();
                open_measure = true;
            }
            Line::Numbered(n) if n.rank < measure_rank => {
                if let Some(c) = clause::find(n.rest) {
                    warn(&mut warnings, format!("section {} carries its own unit clause; kept as a measure", n.number));
                    // Its siblings just before it, items with no sub-items of their own ("1、…
                    // 2、… 3、…落实单位：…"), are measures too: the clause after them is shared.
                    let parent_path: Vec<Heading> = stack.iter().filter(|h| h.rank < n.rank).cloned().collect();
                    for (leaf_number, leaf_rest) in leaves.drain(..) {
                        measures.push(build_measure(plan, &parent_path, Some(leaf_number), None, leaf_rest, None, &mut warnings));
                    }
                    measures.push(build_measure(plan, &parent_path, Some(n.number.clone()), None, n.rest, Some(c), &mut warnings));
                    open_measure = true;
                    continue_after_heading(&mut stack, n, lines[i].as_str());
                } else {
                    // A leaf: the next numbered line is a sibling, not a sub-item.
                    let next_rank = kinds[i + 1..].iter().find_map(|k| match k {
                        Line::Numbered(m) => Some(m.rank),
                        Line::Row(_) | Line::Header => Some(0),
                        _ => None,
                    });
                    if leaves_rank != Some(n.rank) {
                        leaves.clear();
                    }
                    if next_rank == Some(n.rank) && n.rank > 1 {
                        leaves.push((n.number.clone(), n.rest));
                        leaves_rank = Some(n.rank);
                    } else {
                        leaves.clear();
                    }
                    continue_after_heading(&mut stack, n, lines[i].as_str());
                    last_number = None;
                    open_measure = false;
                }
            }
            Line::Numbered(n) => {
                // Deeper than the measure rank: a mis-numbered section ("4、" among 一、二、三),
                // a sub-item inside a measure, or a sub-item carrying its own clause.
                if let Some(level) = stack.iter().position(|h| h.sep == n.sep && h.value + 1 == n.value && h.rank != n.rank) {
                    let rank = stack[level].rank;
                    stack.truncate(level);
                    stack.push(Heading { rank, value: n.value, sep: n.sep, text: strip_markdown(&lines[i]).to_string() });
                    last_number = None;
                    open_measure = false;
                } else if let Some(c) = clause::find(n.rest) {
                    let parent = last_number.as_ref().map(|(p, _)| p.clone());
                    measures.push(build_measure(plan, &stack, Some(n.number.clone()), parent, n.rest, Some(c), &mut warnings));
                    open_measure = true;
                } else if open_measure {
                    if let Some(m) = measures.last_mut() {
                        m.text.push('\n');
                        m.text.push_str(strip_markdown(&lines[i]));
                    }
                } else {
                    warn(&mut warnings, format!("numbered line \"{}\" outside any measure was skipped", short(&lines[i])));
                }
            }
            Line::Other(text) => {
                let unfinished = open_measure && !table && measures.last().is_some_and(|m| m.number.is_some() && m.raw.is_empty());
                // Several paragraphs with clauses of their own after a numbered line without
                // one ("1.主要指标的责任部门。" then "常住人口…(市公安局牵头)" …): the numbered line
                // titles them, it is no measure; they are measures under it.
                let titles_a_group = unfinished
                    && matches!(kinds.get(i + 1), Some(Line::Other(next)) if clause::find(next).is_some())
                    && clause::find(text).is_some();
                if titles_a_group {
                    if let Some(m) = measures.pop() {
                        withdraw_no_clause_note(&mut warnings, &m);
                        warn(
                            &mut warnings,
                            format!("item {} titles the paragraphs after it; read as a heading", m.number.as_deref().unwrap_or("")),
                        );
                    }
                    let c = clause::find(text);
                    let parent = last_number.as_ref().map(|(p, _)| p.clone());
                    measures.push(build_measure(plan, &stack, None, parent, trim(text), c, &mut warnings));
                } else if unfinished && (clause::find(text).is_some() || super::verb_clause::responsible_in_text(text).is_some()) {
                    // A page break after a full stop split a numbered item from the rest of
                    // its body and its clause, or a line of its own says who does it
                    // ("整改要求：由县环卫站负责清除…"): the item continues here.
                    if let Some(m) = measures.pop() {
                        let body = format!("{}{}", m.text, trim(text));
                        withdraw_no_clause_note(&mut warnings, &m);
                        let number = m.number.as_deref().unwrap_or("");
                        let clause = clause::find(&body).or_else(|| units_in_text(&mut warnings, plan, number, &body));
                        measures.push(build_measure(plan, &stack, m.number, None, &body, clause, &mut warnings));
                    }
                } else if let Some(prev) = text_before_clause_line(&kinds, i, open_measure) {
                    // A clause on a line of its own after an unnumbered paragraph without one
                    // ("存在问题：…" then "责任单位：…"): the two are one measure.
                    let body = format!("{}{}", trim(prev), trim(text));
                    let parent = last_number.as_ref().map(|(p, _)| p.clone());
                    measures.push(build_measure(plan, &stack, None, parent, &body, clause::find(&body), &mut warnings));
                    open_measure = true;
                } else if let Some(c) = clause::find(text).filter(|c| trim(&text[..c.start]).is_empty()) {
                    // A clause alone with no task before it that is still open (an extract that
                    // starts after its task, on the page before): no measure to give it to.
                    warn(&mut warnings, format!("a unit clause with no task before it was left out: {}", c.raw));
                    open_measure = false;
                } else if let Some(h) = only_paragraph_of_heading(&kinds, i, measure_rank).filter(|_| clause::find(text).is_some()) {
                    // "(二)健全预警和应急机制" then one paragraph ending in its clause, then the
                    // next heading: the heading is the task's title, the paragraph its text.
                    let path = &stack[..stack.len().saturating_sub(1)];
                    let body = format!("{}\n{}", h.rest, trim(text));
                    let c = clause::find(&body);
                    let mut m = build_measure(plan, path, Some(h.number.clone()), None, &body, c, &mut warnings);
                    // It is a task now, no clause-less sibling for a later section's clause.
                    leaves.retain(|(number, _)| *number != h.number);
                    m.title = h.rest.trim_end_matches('。').to_string();
                    measures.push(m);
                    open_measure = true;
                } else if let Some(c) = clause::find(text) {
                    let parent = last_number.as_ref().map(|(p, _)| p.clone());
                    measures.push(build_measure(plan, &stack, None, parent, trim(text), Some(c), &mut warnings));
                    open_measure = true;
                } else if after_lead_heading(&kinds, i, &stack) {
                    // "（一）省监察厅牵头的工作" then the task itself as a plain paragraph.
                    measures.push(build_measure(plan, &stack, None, None, trim(text), None, &mut warnings));
                    open_measure = true;
                } else {
                    open_measure = false;
                }
            }
        }
        i += 1;
    }
    conventions::share_group_clauses(plan.title, &mut measures, &mut warnings);
    conventions::apply_first_listed_lead(plan.title, lines, &mut measures, &mut warnings);
    for (k, m) in measures.iter_mut().enumerate() {
        m.seq = k as u32 + 1;
    }
    (measures, warnings)
}

/// The paragraph before line `i` when line `i` is a unit clause alone and that paragraph is
/// text with no clause that no measure took.
fn text_before_clause_line<'a>(kinds: &[Line<'a>], i: usize, open_measure: bool) -> Option<&'a str> {
    let Line::Other(text) = kinds[i] else { return None };
    let whole_clause = clause::find(text).is_some_and(|c| trim(&text[..c.start]).is_empty());
    match kinds.get(i.checked_sub(1)?)? {
        Line::Other(prev) if whole_clause && !open_measure && clause::find(prev).is_none() => Some(prev),
        _ => None,
    }
}

/// The section heading line `i` is the only paragraph of: the line before is a heading above
/// the measure rank with no clause of its own and naming no lead, and the line after is none
/// of its text (a heading, a numbered line, or the end).
fn only_paragraph_of_heading<'k, 'a>(kinds: &'k [Line<'a>], i: usize, measure_rank: u8) -> Option<&'k Numbering<'a>> {
    let Some(Line::Numbered(h)) = kinds.get(i.checked_sub(1)?) else { return None };
    let alone = !matches!(kinds.get(i + 1), Some(Line::Other(_)));
    // (A heading that names the lead of its work, "(二)省审计厅牵头的工作", groups tasks.)
    let group = clause::find(h.rest).is_some() || super::verb_clause::heading_lead(h.rest).is_some();
    (h.rank < measure_rank && alone && !group).then_some(h)
}

/// Is line `i` the paragraph right after a heading that names the lead of its work
/// ("（一）省监察厅牵头的工作")?
fn after_lead_heading(kinds: &[Line], i: usize, stack: &[Heading]) -> bool {
    let heading_before =
        i > 0 && matches!(&kinds[i - 1], Line::Numbered(n) if stack.last().is_some_and(|h| h.value == n.value && h.rank == n.rank));
    heading_before && stack.last().and_then(|h| numbering(&h.text)).is_some_and(|n| super::verb_clause::heading_lead(n.rest).is_some())
}

/// For an item without a unit clause: the units its text makes responsible ("由县环卫站负责
/// 清除…"), said in a warning, since no label or bracket vouches for them.
fn units_in_text(warnings: &mut Vec<Warning>, plan: &PlanCtx, number: &str, text: &str) -> Option<Clause> {
    let clause = super::verb_clause::responsible_in_text(text)?;
    warnings.push(Warning {
        plan: plan.title.to_string(),
        message: format!("item {number} has no unit clause; responsible units read from its text: {}", clause.raw),
    });
    Some(clause)
}

/// The warning for a numbered item read without a unit clause.
pub(crate) fn no_clause_note(number: &str) -> String {
    format!("item {number} has no unit clause")
}

/// Withdraws the no-clause warning of an item that turned out to have its clause (or to be a
/// heading). The note was made when the item was read, so it is among the last.
fn withdraw_no_clause_note(warnings: &mut Vec<Warning>, m: &Measure) {
    let note = no_clause_note(m.number.as_deref().unwrap_or(""));
    if let Some(at) = warnings.iter().rposition(|w| w.message == note) {
        warnings.remove(at);
    }
}

/// Warns when a measure's number does not follow the previous one.
fn check_sequence(warnings: &mut Vec<Warning>, plan: &PlanCtx, prev: &Option<(String, u32)>, number: &str, value: u32) {
    let message = match prev {
        Some((p, v)) if value != v + 1 => format!("numbering jumps from {p} to {number}"),
        None if value != 1 => format!("numbering starts at {number}"),
        _ => return,
    };
    warnings.push(Warning { plan: plan.title.to_string(), message });
}

fn continue_after_heading(stack: &mut Vec<Heading>, n: &Numbering, line: &str) {
    while stack.last().is_some_and(|h| h.rank >= n.rank) {
        stack.pop();
    }
    stack.push(Heading { rank: n.rank, value: n.value, sep: n.sep, text: strip_markdown(line).to_string() });
}

fn short(s: &str) -> String {
    let t: String = trim(s).chars().take(30).collect();
    if trim(s).chars().count() > 30 {
        format!("{t}…")
    } else {
        t
    }
}

/// The units of the row above, for an unnumbered row with no unit cell at all: flattening a
/// table loses merged cells, and a row whose number cell is merged with the one above (a
/// second task of the same item) most often shares its unit cells too ("5 开工建设县老年养护楼
/// 县民政局 5月底前" then "开工建设老年大学 12月底前"). Only the rows right above count.
fn merged_units<'r>(before: &'r [Line], row: &table::Row) -> Option<&'r Clause> {
    if row.number.is_some() || row.clause.has_units() {
        return None;
    }
    // Rows above that took their units the same way are passed over (three rows merged).
    for k in before.iter().rev().filter(|k| !matches!(k, Line::Taken)) {
        let Line::Row(above) = k else { return None };
        if above.row.clause.has_units() {
            return Some(&above.row.clause);
        }
        if above.row.number.is_some() {
            return None;
        }
    }
    None
}

fn build_measure(
    plan: &PlanCtx,
    stack: &[Heading],
    number: Option<String>,
    parent: Option<String>,
    body: &str,
    clause: Option<Clause>,
    warnings: &mut Vec<Warning>,
) -> Measure {
    let body = trim(body);
    let mut clause = clause.unwrap_or_default();
    // A group heading that names the lead ("（二）省审计厅牵头的工作") leads the items under it
    // that name none; their other units support it.
    if clause.lead.is_empty() {
        let heading_lead = stack.iter().rev().find_map(|h| numbering(&h.text).and_then(|n| super::verb_clause::heading_lead(n.rest)));
        if let Some(lead) = heading_lead {
            clause.lead = lead;
            let responsible = std::mem::take(&mut clause.responsible);
            clause.support.extend(responsible);
        }
    }
    // The task's own text names the lead ("由县委宣传部牵头，组织…") and its clause only lists
    // 责任单位: the named units lead, the others support.
    if clause.lead.is_empty() && !clause.responsible.is_empty() {
        if let Some(lead) = super::verb_clause::lead_in_text(&body[..clause.start.min(body.len())]) {
            let responsible = std::mem::take(&mut clause.responsible);
            clause.support.extend(responsible.into_iter().filter(|u| !lead.contains(u)));
            clause.lead = lead;
        }
    }
    // Inline clauses sit inside the body; table clauses come from cells, so start == end == 0.
    let text = if clause.end > clause.start {
        let before = trim(&body[..clause.start]);
        let after = trim(&body[clause.end..]);
        // What follows a clause is only punctuation (see `clause::find`): it ends a sentence
        // that has no full stop of its own ("…落实（责任单位：X）。"), and is noise after one
        // ("…落实。（责任单位：X）；").
        let prose_after = after.chars().any(|c| !(is_space(c) || is_close_bracket(c) || "。；;，,.、".contains(c)));
        if prose_after {
            // A clause inside the text ("…工程，牵头部门：X。其中，…"): the sentences either
            // side of it.
            let before = before.trim_end_matches(['，', ',', '；', ';', '、']);
            let after = after.trim_start_matches(['。', '；', ';', '，', ',']);
            trim(&format!("{before}。{after}")).to_string()
        } else {
            let after = if before.ends_with('。') { "" } else { after };
            trim(&format!("{before}{after}")).to_string()
        }
    } else {
        body.to_string()
    };
    for p in &clause.problems {
        warnings.push(Warning {
            plan: plan.title.to_string(),
            message: format!("item {}: {}", number.as_deref().unwrap_or("(unnumbered)"), p),
        });
    }
    let title = text.split('。').next().unwrap_or("").to_string();
    Measure {
        doc: plan.doc.to_string(),
        plan: plan.title.to_string(),
        jurisdiction: String::new(),
        seq: 0,
        number,
        parent,
        path: stack.iter().map(|h| h.text.clone()).collect(),
        title,
        text_head: body.chars().filter(|c| !matches!(c, '\n')).take(30).collect(),
        lead: clause.lead,
        support: clause.support,
        responsible: clause.responsible,
        raw: clause.raw,
        deadline: clause.deadline,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles() {
        let n = numbering("（十一）加强队伍和人才保障。").unwrap();
        assert_eq!((n.rank, n.value, n.number.as_str(), n.rest), (2, 11, "十一", "加强队伍和人才保障。"));
        let n = numbering("12. 强化公平竞争").unwrap();
        assert_eq!((n.rank, n.value, n.rest), (3, 12, "强化公平竞争"));
        assert_eq!(numbering("4、 加强法治保障").unwrap().sep, '、');
        assert_eq!(numbering("二十、持续推进").unwrap().value, 20);
        assert!(numbering("12.4国家宪法日").is_none());
        assert!(numbering("2021 年是").is_none());
        assert!(numbering("（征求意见稿）").is_none());
        assert_eq!(numbering("(十) 深化行政执法体制改革").unwrap().rest, "深化行政执法体制改革");
    }

    #[test]
    fn plan_titles() {
        for t in [
            "《资阳区贯彻落实〈法治湖南建设规化（2021-2025年）〉实施细则》",
            "# 吉首市法治政府建设实施方案 (2021—2025年)",
            "2021 年度襄州区法治政府建设工作要点",
            "《下陆区法治政府建设实施方案(2021-2025年)重要举措分工方案",
        ] {
            assert!(is_plan_title(t), "{t}");
        }
        for t in [
            "关于印发2021年度襄州区法治政府建设 工作要点的通知",
            "实施方案（2021-2025年）>实施细则",
            "（征求意见稿）",
            "二、健全依法行政制度体系",
            "特制定本方案",
        ] {
            assert!(!is_plan_title(t), "{t}");
        }
    }
}
