//! Literary (文言) and dialect forms of the question words, read as everyday Mandarin before a
//! question is read: a retired cadre's letter (区委组织部所牵头之事项凡几？…系何部门牵头？) and
//! a Hunan farmer's message (县水利局负责么子事) ask what the rest of the reader already knows
//! how to answer. Hand-written: no library maps these few function words, and the two that
//! also stand inside the plans' own terms (之, 者: 重中之重, 消费者) are rewritten only where
//! the plans never print them so.

/// Fixed rewrites, longest first where one starts another. Each is a question or function word
/// the plans never print in this sense.
const REWRITES: &[(&str, &str)] = &[
    ("究系何", "到底是哪个"),
    ("系何", "是哪个"),
    ("究系", "到底是"),
    ("何事", "什么事"),
    ("何种", "什么"),
    ("何处", "哪里"),
    ("何家", "哪家"),
    ("何部门", "哪个部门"),
    ("何单位", "哪个单位"),
    ("何机关", "哪个机关"),
    ("凡几", "有多少"),
    ("几何", "多少"),
    ("计有", "有"),
    ("为何", "是什么"),
    ("么子", "什么"),
    ("冇得", "没有"),
    // Cantonese (系边个部门牵头, 乜嘢事, 唔该): 边个 only as a question word before a unit word,
    // never inside a term (周边个体工商户).
    ("系边个", "是哪个"),
    ("边个部门", "哪个部门"),
    ("边个单位", "哪个单位"),
    ("乜嘢", "什么"),
    ("唔该", "谢谢"),
];

/// Role words after which 者 is "the one that…" (牵头者 = 牵头的), and before which 所 only
/// marks the object (所牵头 = 牵头).
const ROLE_VERBS: &[&str] = &["牵头", "负责", "参与", "配合", "参加", "承担"];

/// `chars` with literary and dialect question forms in everyday Mandarin. `printed` says whether
/// the plans print a phrase (so 之 and 者 inside their terms stay).
pub fn in_everyday_form(chars: &[char], printed: impl Fn(&[char]) -> bool) -> Vec<char> {
    let starts = |at: usize, w: &str| {
        let mut it = chars[at..].iter();
        w.chars().all(|c| it.next() == Some(&c))
    };
    let role_at = |at: usize| ROLE_VERBS.iter().find(|w| starts(at, w)).map(|w| w.chars().count());
    let role_before = |at: usize| ROLE_VERBS.iter().any(|w| at >= 2 && starts(at - 2, w));
    let mut out = Vec::with_capacity(chars.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if let Some((from, to)) = REWRITES.iter().find(|(from, _)| starts(i, from)) {
            out.extend(to.chars());
            i += from.chars().count();
            continue;
        }
        match chars[i] {
            // 所牵头者: 所 before a role word marks its object only.
            '所' if role_at(i + 1).is_some() => {}
            // 牵头者, 中心组者 (the plans print 中心组, never 中心组者; 消费者 stays).
            // (涉及“应知应会”者: after a quote, too.)
            '者' if i >= 1 && matches!(chars[i - 1], '”' | '」' | '’' | '"') => out.push('的'),
            '者' if i >= 2 && (role_before(i) || (printed(&chars[i - 2..i]) && !printed(&chars[i - 2..=i]))) => out.push('的'),
            // 牵头之事项, 担当作为之激励 (the plans print 之 in 重中之重, 之间, 之一: never 之事).
            // (之前, 之间, 之一…: words of their own, printed or not.)
            '之' if i >= 1 && i + 1 < chars.len() && !"前后间一内外上下中类".contains(chars[i + 1]) && !printed(&chars[i..i + 2]) => {
                out.push('的')
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::in_everyday_form;

    fn read(q: &str, printed: &[&str]) -> String {
        let chars: Vec<char> = q.chars().collect();
        in_everyday_form(&chars, |p: &[char]| {
            let p: String = p.iter().collect();
            printed.iter().any(|w| w.contains(&p))
        })
        .into_iter()
        .collect()
    }

    #[test]
    fn literary_and_dialect_question_words_are_read_as_everyday_ones() {
        assert_eq!(read("县委组织部所牵头之事项凡几？", &["之间"]), "县委组织部牵头的事项有多少？");
        assert_eq!(read("构建亲清政商关系，系何部门牵头？", &[]), "构建亲清政商关系，是哪个部门牵头？");
        assert_eq!(read("区人大常委会法工委所负责者为何？", &[]), "区人大常委会法工委负责的是什么？");
        assert_eq!(read("县水利局负责么子事", &[]), "县水利局负责什么事");
        assert_eq!(read("普法系边个部门牵头？唔该", &[]), "普法是哪个部门牵头？谢谢");
        assert_eq!(read("区司法局负责乜嘢事", &[]), "区司法局负责什么事");
        assert_eq!(read("周边个体工商户谁负责", &["周边个体工商户"]), "周边个体工商户谁负责");
        // 者 after a word the plans print without it; never inside a term they print.
        assert_eq!(read("涉及理论学习中心组者有哪些", &["理论学习中心组"]), "涉及理论学习中心组的有哪些");
        assert_eq!(read("涉及“应知应会”者有哪些", &[]), "涉及“应知应会”的有哪些");
        assert_eq!(read("保护消费者权益谁牵头", &["消费者权益"]), "保护消费者权益谁牵头");
        // 之 the plans print so stays (重中之重), as does a question without these forms.
        assert_eq!(read("3月份之前区财政局要配合哪些", &[]), "3月份之前区财政局要配合哪些");
        assert_eq!(read("重中之重谁牵头", &["重中之重"]), "重中之重谁牵头");
        assert_eq!(read("区司法局牵头哪些任务", &["区司法局"]), "区司法局牵头哪些任务");
        // 所 not before a role word stays (所属单位).
        assert_eq!(read("所属单位负责哪些", &["所属单位"]), "所属单位负责哪些");
    }
}
