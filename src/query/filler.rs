//! Trimming filler off the runs of a question the name trie leaves over (请问…, …有哪些, 跟…有关),
//! noting the conjunctions among it (共同 / 或), and telling question words and plan words. The
//! words themselves are in [`super::vocabulary`]; here they are built once into tries.

use super::vocabulary::{
    ALL_WORDS, ANY_WORDS, CIRCUMFIXES, MEASURE_CHARS, PLAIN_JOINS, PLAN_WORDS, PREFIX_FILLER, QUESTION_MARKS, QUESTION_WORDS,
    SUFFIX_FILLER, WHOLE_FILLER,
};
use crate::index::Lexicon;
use std::sync::OnceLock;

/// What trimming a run found besides its core.
#[derive(Debug, Default, Clone, Copy)]
pub struct RunFlags {
    pub all: bool,
    pub any: bool,
}

/// What a filler word of the matcher is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Filler,
    All,
    Any,
}

/// The filler vocabulary as tries, built once: words at the start of a run, words at its end
/// (a trie of reversed words), and words that are filler only as the whole run.
struct Matcher {
    starts: Lexicon<Word>,
    ends: Lexicon<Word>,
    /// Sets of words as the same trie type (values unused): one copy of the trie code to
    /// compile at the first question, not two.
    whole: Lexicon<Word>,
    /// Question marks (哪, 什么, 吗…), anywhere in a question.
    marks: Lexicon<Word>,
    /// Circumfixes and question words, as chars.
    circumfixes: Vec<(Vec<char>, Vec<char>)>,
    question_words: Vec<Vec<char>>,
    plan_words: Vec<[char; 2]>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        // Sorted Vecs with each spelling once (later entries win), not BTreeMaps: this runs at
        // the first question, and the maps' code cost that answer ~1 ms of compiling.
        let trie = |filler: super::vocabulary::Words, reversed: bool| {
            let key = |w: &str| -> Vec<char> {
                if reversed {
                    w.chars().rev().collect()
                } else {
                    w.chars().collect()
                }
            };
            let mut words: Vec<(Vec<char>, Word)> = filler.iter().map(|w| (key(w), Word::Filler)).collect();
            // A conjunction wins over filler of the same spelling (都 is "all" between units).
            for (list, kind) in [(ALL_WORDS, Word::All), (ANY_WORDS, Word::Any)] {
                words.extend(list.iter().map(|w| (key(w), kind)));
            }
            Lexicon::build(super::merge_by_key(words, |into, w| *into = w))
        };
        let set = |words: Vec<&str>| -> Lexicon<Word> {
            let words: Vec<(Vec<char>, Word)> = words.iter().map(|w| (w.chars().collect(), Word::Filler)).collect();
            Lexicon::build(super::merge_by_key(words, |_, _| {}))
        };
        Matcher {
            starts: trie(PREFIX_FILLER, false),
            ends: trie(SUFFIX_FILLER, true),
            whole: set(WHOLE_FILLER.iter().chain(PLAIN_JOINS.iter()).chain(QUESTION_WORDS.iter()).collect()),
            marks: set(QUESTION_MARKS.iter().collect()),
            circumfixes: CIRCUMFIXES.iter().map(|(a, b)| (a.chars().collect(), b.chars().collect())).collect(),
            question_words: QUESTION_WORDS.iter().map(|w| w.chars().collect()).collect(),
            plan_words: PLAN_WORDS
                .iter()
                .filter_map(|w| {
                    let mut c = w.chars();
                    Some([c.next()?, c.next()?])
                })
                .collect(),
        }
    })
}

impl Matcher {
    fn longest_start(&self, s: &[char]) -> Option<(usize, Word)> {
        let mut best = None;
        self.starts.prefixes_at(s, 0, |n, w| best = Some((n, *w)));
        best
    }

    fn longest_end(&self, s: &[char]) -> Option<(usize, Word)> {
        let mut best = None;
        self.ends.suffixes_of(s, |n, w| best = Some((n, *w)));
        best
    }

    fn is_whole(&self, s: &[char]) -> bool {
        self.whole.get(s).is_some()
    }

    /// Takes filler and conjunctions off both ends once; notes conjunctions in `flags`.
    fn trim<'a>(&self, mut s: &'a [char], flags: &mut RunFlags) -> &'a [char] {
        let mut note = |w: Word| match w {
            Word::All => flags.all = true,
            Word::Any => flags.any = true,
            Word::Filler => {}
        };
        if let Some((n, w)) = self.longest_start(s) {
            s = &s[n..];
            note(w);
        }
        if let Some((n, w)) = self.longest_end(s) {
            s = &s[..s.len() - n];
            note(w);
        }
        s
    }
}

/// Where `w` last occurs in `s`.
fn find_word(s: &[char], w: &[char]) -> Option<usize> {
    if w.is_empty() || w.len() > s.len() {
        return None;
    }
    (0..=s.len() - w.len()).rev().find(|&i| s[i..i + w.len()] == *w)
}

/// Whether two characters are a plan word (方案, 要点…).
pub fn is_plan_word(pair: &[char]) -> bool {
    // Compared as [char; 2] values: a slice `==` is a memcmp call per word, and this runs per
    // pair of characters of a question.
    let &[a, b] = pair else { return false };
    matcher().plan_words.contains(&[a, b])
}

/// Whether a question holds a question mark (哪, 什么, 吗…): then filler is trimmed off its
/// left-over phrases; a bare search phrase is taken as typed.
pub fn is_question(s: &[char]) -> bool {
    let m = matcher();
    (0..s.len()).any(|i| {
        let mut hit = false;
        m.marks.prefixes_at(s, i, |_, _| hit = true);
        hit
    })
}

/// Whether a run is nothing but filler (the tail after a question word).
fn all_filler(mut s: &[char]) -> bool {
    let m = matcher();
    let mut flags = RunFlags::default();
    loop {
        let before = s.len();
        s = m.trim(s, &mut flags);
        if s.is_empty() || s.len() == before {
            break;
        }
    }
    s.is_empty() || m.is_whole(s)
}

/// Trims question filler and conjunctions off both ends of a left-over run, noting the
/// conjunctions met; a run that is all filler comes back empty.
#[inline(never)]
pub fn strip_filler<'a>(mut s: &'a [char], flags: &mut RunFlags) -> &'a [char] {
    let m = matcher();
    loop {
        let before = s.len();
        // 跟执法有关 / 任务跟网格化有关 / 在普法上: the topic lies between the opener and the closer;
        // where only filler does, before the opener (行政复议在方案里).
        if let Some((at, a, inner_end)) = m.circumfixes.iter().find_map(|(a, b)| {
            let inner_end = s.len().checked_sub(b.len()).filter(|&e| s[e..] == **b)?;
            Some((find_word(&s[..inner_end], a)?, a.len(), inner_end))
        }) {
            if at + a < inner_end {
                s = if all_filler(&s[at + a..inner_end]) { &s[..at] } else { &s[at + a..inner_end] };
            }
        }
        // 干哪几件事 → 干: a question word whose tail is all filler ends the phrase.
        if let Some((q, w)) = m.question_words.iter().filter_map(|w| find_word(s, w).map(|q| (q, w.len()))).min() {
            // What follows the question word: measure words (几件, 些, 项…), then filler.
            let mut tail = &s[q + w..];
            while tail.first().is_some_and(|c| MEASURE_CHARS.contains(c)) {
                tail = &tail[1..];
            }
            if q > 0 && all_filler(tail) {
                s = &s[..q];
            }
        }
        s = m.trim(s, flags);
        if s.is_empty() || s.len() == before {
            break;
        }
    }
    if m.is_whole(s) {
        return &[];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(x: &str) -> (String, bool, bool) {
        let c: Vec<char> = x.chars().collect();
        let mut f = RunFlags::default();
        let s: String = strip_filler(&c, &mut f).iter().collect();
        (s, f.all, f.any)
    }

    #[test]
    fn filler_is_trimmed_and_topics_kept() {
        assert_eq!(strip("哪些任务").0, "");
        assert_eq!(strip("的行政复议任务有哪些").0, "行政复议");
        assert_eq!(strip("法律顾问相关任务由").0, "法律顾问");
        assert_eq!(strip("了哪些工作").0, "");
        assert_eq!(strip("和").0, "");
        assert_eq!(strip("和解").0, "和解");
        assert_eq!(strip("干什么").0, "");
        assert_eq!(strip("要做哪些事").0, "");
        assert_eq!(strip("哪些执法工作").0, "执法");
        assert_eq!(strip("在行政复议方面").0, "行政复议");
        assert_eq!(strip("的任务清单").0, "");
        assert_eq!(strip("的职责有哪些").0, "");
        assert_eq!(strip("哪些跟执法有关的任务").0, "执法");
        assert_eq!(strip("在普法上").0, "普法");
        // Only filler between 在 and 里: the topic is before them.
        assert_eq!(strip("行政复议在方案里").0, "行政复议");
        assert_eq!(strip("它在方案里").0, "");
        assert_eq!(strip("跟踪问效").0, "跟踪问效");
        assert_eq!(strip("线上").0, "线上");
        assert_eq!(strip("任务跟网格化有关").0, "网格化");
        assert_eq!(strip("干哪几件事").0, "");
        assert_eq!(strip("公共法律服务的是哪几项").0, "公共法律服务");
        assert_eq!(strip("做哪些数据共享的活").0, "数据共享");
    }

    #[test]
    fn conjunctions_are_noted() {
        assert_eq!(strip("共同"), (String::new(), true, false));
        assert_eq!(strip("都"), (String::new(), true, false));
        assert_eq!(strip("一起"), (String::new(), true, false));
        assert_eq!(strip("或者"), (String::new(), false, true));
        assert_eq!(strip("和"), (String::new(), false, false));
    }
}
