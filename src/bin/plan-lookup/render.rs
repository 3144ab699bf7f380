//! The CLI's text rendering of answers and of the unit directory. Labels come from
//! `plan_lookup::query::labels`, the one place they are written.

use plan_lookup::index::RowRole;
use plan_lookup::query::labels::{self, combine_label, family_label, role_heading, role_short, structural_label};
use plan_lookup::query::{Answer, AnswerItem, Combine, Field, Highlight, Intent, UnitEntry};
use plan_lookup::units::Kind;
use std::fmt::Write;

fn item_ref(it: &AnswerItem) -> String {
    match &it.number {
        Some(n) => format!("{} · 第{}项", it.plan, n),
        None => format!("{} · 第{}条", it.plan, it.seq),
    }
}

fn units_line(it: &AnswerItem) -> String {
    let mut parts = Vec::new();
    if !it.lead.is_empty() {
        parts.push(format!("牵头：{}", it.lead.join("、")));
    }
    if !it.support.is_empty() {
        parts.push(format!("{}：{}", if it.lead.is_empty() { "参加" } else { "参加/责任" }, it.support.join("、")));
    }
    if !it.responsible.is_empty() {
        parts.push(format!("责任单位：{}", it.responsible.join("、")));
    }
    if parts.is_empty() {
        "（未列单位）".to_string()
    } else {
        parts.join("；")
    }
}

/// A window of `text` around its first highlight, matches wrapped in 【】.
fn snippet(text: &str, marks: &[&Highlight]) -> String {
    const BEFORE: usize = 20;
    const WIDTH: usize = 80;
    let chars: Vec<char> = text.chars().collect();
    let from = marks.first().map_or(0, |m| m.start.saturating_sub(BEFORE));
    let to = (from + WIDTH).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    for (i, c) in chars.iter().enumerate().take(to).skip(from) {
        if marks.iter().any(|m| m.start == i) {
            out.push('【');
        }
        out.push(*c);
        if marks.iter().any(|m| m.end == i + 1) {
            out.push('】');
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// How the question was read, one part per item: what the widget shows as chips.
fn reading_line(a: &Answer) -> Vec<String> {
    let mut head = Vec::new();
    if let Some(u) = &a.unit {
        head.push(format!("{}：{u}", labels::PART_UNIT));
    }
    if let Some(c) = a.combine {
        head.push(format!("{}：{}", labels::PART_COMBINE, combine_label(c)));
    }
    if let Some(r) = a.role {
        if a.intent != Intent::Keyword {
            head.push(format!("{}：{}", labels::PART_ROLE, family_label(r)));
        }
    }
    if let Some(s) = a.structural {
        head.push(format!("{}：{}", labels::PART_STRUCTURAL, structural_label(s)));
    }
    if !a.keywords.is_empty() {
        let part = if a.intent == Intent::Keyword { labels::PART_KEYWORDS } else { labels::PART_TOPIC };
        head.push(format!("{part}：{}", a.keywords.join(" + ")));
    }
    if let Some(p) = &a.place {
        head.push(format!("{}：{p}", labels::PART_PLACE));
    }
    if !a.plans.is_empty() {
        head.push(format!("{}：{}", labels::PART_PLAN, a.plans.join("、")));
    }
    head
}

/// A readable answer: the count first for a count question, how the question was read, then
/// the rows grouped by place, then by role (unit answers) or ranked (topic and keyword answers),
/// with the summary of units for topic answers.
pub fn answer_text(a: &Answer) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "问：{}", a.question.trim());
    if let Some(n) = a.count {
        let _ = writeln!(out, "答：共 {n} 项");
    }
    let mut head = reading_line(a);
    if a.intent != Intent::Empty {
        head.push(format!("共 {} 条", a.results.len()));
    }
    if !head.is_empty() {
        let _ = writeln!(out, "{}", head.join(" ｜ "));
    }
    if !a.unknown.is_empty() {
        let _ = writeln!(out, "{}：{}（未用作筛选）", labels::PART_UNKNOWN, a.unknown.join("、"));
    }
    if let Some(m) = &a.message {
        let _ = writeln!(out, "提示：{m}");
    }
    if !a.suggestions.is_empty() {
        let _ = writeln!(out, "您可以试试：{}", a.suggestions.join("；"));
    }

    if a.intent == Intent::Topic && !a.summary.is_empty() {
        out.push_str("\n单位统计（牵头最多者在前）：\n");
        for s in &a.summary {
            let _ = writeln!(
                out,
                "  {}（{}）牵头 {} · 列首位责任 {} · 参加 {} · 其他责任 {}",
                s.unit, s.place, s.lead, s.responsible_first, s.support, s.responsible
            );
        }
    }

    // Group rows by place, keeping first-seen order.
    let mut places: Vec<&str> = Vec::new();
    for it in &a.results {
        if !places.contains(&it.jurisdiction.as_str()) {
            places.push(&it.jurisdiction);
        }
    }
    for place in places {
        let _ = write!(out, "\n━━ {place} ━━\n");
        let rows: Vec<&AnswerItem> = a.results.iter().filter(|it| it.jurisdiction == place).collect();
        // Groups: (unit, role, via) for unit answers; one group otherwise.
        let mut groups: Vec<(String, Vec<&AnswerItem>)> = Vec::new();
        for it in rows {
            let label = if a.intent != Intent::Unit || a.combine == Some(Combine::All) {
                String::new()
            } else {
                let unit = it.unit.clone().unwrap_or_default();
                match (&it.via, it.role) {
                    (Some(via), RowRole::Collective) => format!("{unit} · 通过“{via}”等涉及"),
                    _ => format!("{unit} · {}", role_heading(it.role)),
                }
            };
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, v)) => v.push(it),
                None => groups.push((label, vec![it])),
            }
        }
        for (label, items) in groups {
            if !label.is_empty() {
                let _ = writeln!(out, "【{label}】{} 条", items.len());
            }
            for (i, it) in items.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, it.title);
                let _ = writeln!(out, "     {}", item_ref(it));
                if !it.shared.is_empty() {
                    let roles: Vec<String> = it.shared.iter().map(|s| format!("{}（{}）", s.unit, role_short(s.role))).collect();
                    let _ = writeln!(out, "     共同：{}", roles.join("、"));
                }
                let text_marks: Vec<&Highlight> = it.highlights.iter().filter(|h| h.field == Field::Text).collect();
                if !text_marks.is_empty() {
                    let _ = writeln!(out, "     {}", snippet(&it.text, &text_marks));
                }
                let _ = writeln!(out, "     {}", units_line(it));
            }
        }
    }
    out
}

/// A readable directory: by place, then kind; each unit with its role counts, other printed
/// forms, and for collectives the units they cover.
pub fn units_text(units: &[UnitEntry]) -> String {
    let mut out = String::new();
    let mut place = "";
    let mut kind = None;
    for u in units {
        if u.place != place {
            place = &u.place;
            kind = None;
            let n = units.iter().filter(|x| x.place == u.place).count();
            let _ = write!(out, "\n━━ {} ━━ {} 个单位\n", u.place, n);
        }
        if kind != Some(u.kind) {
            kind = Some(u.kind);
            let _ = writeln!(out, "  {}", u.kind.label_zh());
        }
        let _ = write!(
            out,
            "    {}  牵头 {} · 列首位责任 {} · 参加 {} · 其他责任 {} · 经统称 {}",
            u.name, u.lead, u.responsible_first, u.support, u.responsible, u.collective
        );
        let others: Vec<&str> = u.aliases.iter().filter(|a| **a != u.name).map(String::as_str).collect();
        if !others.is_empty() {
            let _ = write!(out, "  又作：{}", others.join("、"));
        }
        out.push('\n');
        if u.kind == Kind::Collective {
            if u.members.is_empty() {
                out.push_str("      涵盖：（本地未列出具体单位）\n");
            } else {
                let _ = writeln!(out, "      涵盖 {} 个：{}", u.members.len(), u.members.join("、"));
            }
        }
    }
    out
}
