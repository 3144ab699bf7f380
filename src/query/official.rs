//! A unit's full official name, as on its letterhead (中共益阳市资阳区委政法委员会, 宁远县人民
//! 政府办公室, 中国人民银行宁远县支行), shortened to the forms plans print (资阳区委政法委,
//! 宁远县政府办, 人民银行宁远支行). The reading tries the question as typed first and keeps the
//! shortened reading only where it names more units or leaves fewer words unread
//! ([`Engine::read`](super::Engine)); the answer then says which name it read.

use crate::units::Directory;

/// Long forms and what plans write instead, longest first within each family (each is tried
/// at every position, the first that fits wins).
const SHORTER: &[(&str, &str)] = &[
    ("中国共产党", ""),
    ("中国人民政治协商会议", "政协"),
    ("政治协商会议", "政协"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("人民代表大会", "人大"),
    ("机构编制委员会办公室", "编办"),
    ("全面依法治", "依法治"),
    ("人民政府办公室", "政府办"),
    ("委员会办公室", "办"),
    ("委员会", "委"),
    ("中国人民银行", "人民银行"),
];

/// The question with official long forms shortened, or None when it holds none. Every
/// question passes here, so nothing is allocated until a long form is found.
pub fn shortened(question: &[char], dir: &Directory) -> Option<Vec<char>> {
    // (A plan whose place was not found has a place with no name: it names nothing here.)
    let places = || dir.places.iter().filter(|p| !p.name.is_empty());
    let mut out: Vec<char> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while i < question.len() {
        let rest = &question[i..];
        // 中共资阳区委…: the party prefix before a place's committee.
        if rest.starts_with(&['中', '共']) && !rest[2..].starts_with(&['中', '央']) {
            begin(&mut out, &mut changed, &question[..i]);
            i += 2;
            continue;
        }
        // 益阳市资阳区…: the city a place belongs to, before the place.
        if let Some(n) = city_len(rest)
            .filter(|&n| places().any(|p| at(&rest[n..], &p.name) || p.short.as_ref().is_some_and(|s| !s.is_empty() && at(&rest[n..], s))))
        {
            begin(&mut out, &mut changed, &question[..i]);
            i += n;
            continue;
        }
        // 共青团资阳区委 → 资阳区团区委 (plans write 团区委).
        if rest.starts_with(&['共', '青', '团']) {
            if let Some(p) = places().find(|p| at(&rest[3..], &p.name) && rest.get(3 + p.name.chars().count()) == Some(&'委')) {
                begin(&mut out, &mut changed, &question[..i]);
                out.extend(p.name.chars());
                out.push('团');
                out.extend(p.name.chars().last());
                out.push('委');
                i += 3 + p.name.chars().count() + 1;
                continue;
            }
        }
        // 宁远县支行 → 宁远支行: a branch named after the place, by its short name.
        if let Some((n, short)) = places().find_map(|p| {
            let short = p.short.as_ref().filter(|s| !s.is_empty())?;
            let n = p.name.chars().count();
            (at(rest, &p.name) && rest[n..].starts_with(&['支', '行'])).then_some((n, short))
        }) {
            begin(&mut out, &mut changed, &question[..i]);
            out.extend(short.chars());
            i += n;
            continue;
        }
        if let Some((from, to)) = SHORTER.iter().find(|(from, _)| at(rest, from)) {
            begin(&mut out, &mut changed, &question[..i]);
            out.extend(to.chars());
            i += from.chars().count();
            continue;
        }
        if changed {
            out.push(question[i]);
        }
        i += 1;
    }
    changed.then_some(out)
}

/// The first change: the question up to it is copied into `out`.
fn begin(out: &mut Vec<char>, changed: &mut bool, before: &[char]) {
    if !*changed {
        out.extend_from_slice(before);
        *changed = true;
    }
}

/// Whether `rest` starts with `s`.
fn at(rest: &[char], s: &str) -> bool {
    let mut k = 0;
    s.chars().all(|c| {
        k += 1;
        rest.get(k - 1) == Some(&c)
    })
}

/// How many characters of `rest` are a city's name: two or three Chinese characters and 市.
fn city_len(rest: &[char]) -> Option<usize> {
    let n = rest.iter().take(4).position(|&c| c == '市')? + 1;
    (n >= 3 && rest[..n - 1].iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c))).then_some(n)
}

/// Where `a` and `b` differ: the shortest span of each outside their common start and end,
/// for the answer's note (typed, read).
pub fn differing_span(a: &[char], b: &[char]) -> (String, String) {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let mut end = a[start..].iter().rev().zip(b[start..].iter().rev()).take_while(|(x, y)| x == y).count();
    // The name's own tail, common to both (分局, 委, 支行), belongs to the name said.
    let tail = |c: &char| ['局', '委', '办', '会', '室', '行', '院', '部', '厅', '支', '分'].contains(c);
    while end > 0 && a.len() - end > start && tail(&a[a.len() - end]) && b.len() - end > start {
        end -= 1;
    }
    (a[start..a.len() - end].iter().collect(), b[start..b.len() - end].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn letterhead_names_read_as_the_plans_print_them() {
        let engine = crate::query::Engine::over_default_corpus();
        for (q, unit) in [
            ("中共益阳市资阳区委政法委员会摊上了哪些工作", "区委政法委"),
            ("宁远县人民政府办公室牵头的事项", "县政府办"),
            ("中国人民银行宁远县支行牵头的任务", "人民银行宁远支行"),
            ("资阳区委机构编制委员会办公室参与的任务", "区委编办"),
            ("下陆区委全面依法治区委员会办公室牵头的事项", "区委依法治区办"),
        ] {
            let r = engine.reading(q);
            let read: Vec<&str> = r.groups.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(read, [unit], "{q}");
            assert!(r.topics.is_empty() && r.unknown.is_empty(), "{q}: {:?} {:?}", r.topics, r.unknown);
            // Said on screen: the name as typed, and as read.
            assert_eq!(r.corrected.len(), 1, "{q}: {:?}", r.corrected);
        }
        // Nothing to shorten, or 中共中央 (no place's committee): the question as typed.
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(shortened(&chars("区司法局牵头哪些任务"), engine.directory()).is_none());
        assert_eq!(shortened(&chars("中共中央的文件"), engine.directory()), None);
        // A shortening that names no more units is not kept: 村民委员会 stays a topic word.
        let r = engine.reading("村民委员会有哪些任务");
        assert!(r.groups.is_empty() && r.corrected.is_empty(), "{:?} {:?}", r.topics, r.corrected);
    }
}
