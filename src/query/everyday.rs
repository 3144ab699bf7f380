//! Everyday words for the plans' own terms (上访 → 信访, 摄像头 → 雪亮工程): a thesaurus read
//! from a text file portal staff can extend with their county's words, no Rust needed.
//!
//! The file (data/terms.txt, deployed as www/data/terms.txt next to the data file) holds one
//! plan term per line: the term as printed in the plans, a colon, then the everyday words,
//! separated by spaces (or 、，；). `#` starts a comment line. The CLI and the tests use the
//! default list built into the binary ([`EverydayTerms::default_list`]); the browser fetches
//! the file after its first answer (or when a question finds nothing) and hands it to
//! `Lookup.setEverydayTerms`, so the list costs the first answer no bytes.
//!
//! A question's run that the corpus does not hold is read as the term whose everyday words
//! cover most of it ([`EverydayTerms::best`]); the answer says which term it answered for.

/// A parsed thesaurus: each everyday word (as chars) with the index of its term.
#[derive(Debug, Clone, Default)]
pub struct EverydayTerms {
    words: Vec<(Vec<char>, u32)>,
    terms: Vec<String>,
}

/// A word as questions are matched: simplified characters, ASCII lower case, half-width
/// (KTV and ＡＰＰ in the file meet ktv and app typed).
fn folded(word: &str) -> Vec<char> {
    word.chars().map(|c| crate::text::fold_for_matching(crate::text::simplified(c))).collect()
}

/// The longest term and everyday word a line may hold (longer is a line that lost its breaks).
const MAX_TERM_CHARS: usize = 30;
const MAX_WORD_CHARS: usize = 20;

/// What reading a thesaurus file found: how many terms and words it kept, and each line it
/// could not use (skipped; the rest of the file is kept) in a sentence naming the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsReport {
    pub terms: usize,
    pub words: usize,
    pub problems: Vec<String>,
}

impl EverydayTerms {
    /// The list the product ships (data/terms.txt), for the CLI and native callers. The browser
    /// module never calls it (the file is fetched instead), so the text is not in it.
    pub fn default_list() -> EverydayTerms {
        EverydayTerms::parse(include_str!("../../data/terms.txt")).0
    }

    /// Reads a thesaurus file's text. Lines it cannot use are reported and skipped, never fatal:
    /// a slip in one line of a county's additions must not take the others away.
    pub fn parse(text: &str) -> (EverydayTerms, TermsReport) {
        let mut list = EverydayTerms::default();
        let mut report = TermsReport::default();
        list.add(text, &mut report);
        (list, report)
    }

    /// Adds the entries of another file's text (a county's own words after the default list);
    /// an everyday word already listed keeps its first term.
    pub fn extend(&mut self, text: &str) -> TermsReport {
        let mut report = TermsReport::default();
        self.add(text, &mut report);
        report
    }

    fn add(&mut self, text: &str, report: &mut TermsReport) {
        for (i, line) in text.split('\n').enumerate() {
            let n = i + 1;
            let (mut term, mut word) = (String::new(), String::new());
            let mut words: Vec<String> = Vec::new();
            let (mut colon, mut spaced, mut any) = (false, false, false);
            for c in line.chars() {
                let blank = c.is_whitespace() || c == '\u{feff}';
                if !any && !blank {
                    if c == '#' {
                        break;
                    }
                    any = true;
                }
                if colon {
                    if blank || matches!(c, '、' | '，' | ',' | '；' | ';') {
                        if !word.is_empty() {
                            words.push(std::mem::take(&mut word));
                        }
                    } else {
                        word.push(c);
                    }
                } else if c == '：' || c == ':' {
                    colon = true;
                } else if blank {
                    spaced |= !term.is_empty();
                } else {
                    // A blank between two characters of the term: not one term.
                    if spaced {
                        term.push(' ');
                        spaced = false;
                    }
                    term.push(c);
                }
            }
            if !word.is_empty() {
                words.push(word);
            }
            if !any {
                continue; // blank or a comment
            }
            if !colon {
                report.problems.push(format!("第 {n} 行没有冒号：应写成“方案用语：俗称1 俗称2”。"));
                continue;
            }
            let term_chars = term.chars().count();
            if term_chars == 0 || term.contains(' ') || term_chars > MAX_TERM_CHARS {
                report
                    .problems
                    .push(format!("第 {n} 行冒号前应是方案里的一个用语（不含空格，最多 {MAX_TERM_CHARS} 个字），现在是“{term}”。"));
                continue;
            }
            let mut kept = 0;
            // A term listed again (a county's line for a term the default list has) adds words.
            let listed = self.terms.iter().position(|t| *t == term);
            let index = listed.unwrap_or(self.terms.len()) as u32;
            for word in words {
                if word == term {
                    continue;
                }
                let chars = folded(&word);
                if chars.len() > MAX_WORD_CHARS {
                    report.problems.push(format!("第 {n} 行的“{word}”太长（最多 {MAX_WORD_CHARS} 个字），没有采用。"));
                    continue;
                }
                if let Some(&(_, other)) = self.words.iter().find(|(w, _)| *w == chars) {
                    // (A word repeated in its own line, or listed again for its term, is no slip.)
                    if other != index {
                        let other = &self.terms[other as usize];
                        report.problems.push(format!("第 {n} 行的“{word}”已经是“{other}”的俗称，没有再算作“{term}”。"));
                    }
                    continue;
                }
                self.words.push((chars, index));
                kept += 1;
            }
            if kept == 0 {
                if listed.is_none() {
                    report.problems.push(format!("第 {n} 行“{term}”后面没有可用的俗称。"));
                }
                continue;
            }
            if listed.is_none() {
                self.terms.push(term);
            }
            report.terms += 1;
            report.words += kept;
        }
    }

    /// The list in the form www/terms.js hands the browser module: a line per term, the term
    /// and its words separated by tabs, already checked. (The file's reader, with its sentences
    /// for every slip, is ~1.2 KB gz of module that each page's first answer would download;
    /// the page reads the file in JS after its first answer instead.)
    pub fn from_flat(flat: &str) -> EverydayTerms {
        let mut list = EverydayTerms::default();
        for line in flat.split('\n') {
            let mut parts = line.split('\t');
            let Some(term) = parts.next().filter(|t| !t.is_empty()) else { continue };
            let index = list.terms.len() as u32;
            list.terms.push(term.to_string());
            // (www/terms.js folds the words as questions are: lower case, half-width.)
            for word in parts.filter(|w| !w.is_empty()) {
                list.words.push((word.chars().collect(), index));
            }
        }
        list
    }

    /// Whether the list holds no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The term whose everyday words cover most characters of `run`, among those `usable`
    /// accepts (word, term: the corpus lacks the word and holds the term); ties go to the
    /// longer word, then to the earlier line of the file.
    pub fn best(&self, run: &[char], usable: impl Fn(&[char], &str) -> bool) -> Option<&str> {
        // (term, characters of `run` its words cover, its longest word), for the few terms
        // with a word in the run; coverage is counted per position so nested words
        // (越级上访, 上访) do not count twice.
        let mut found: Vec<(u32, Vec<bool>, usize)> = Vec::new();
        for (word, term) in &self.words {
            if word.len() > run.len() {
                continue;
            }
            let starts: Vec<usize> = run.windows(word.len()).enumerate().filter(|(_, w)| *w == word.as_slice()).map(|(i, _)| i).collect();
            if starts.is_empty() || !usable(word, &self.terms[*term as usize]) {
                continue;
            }
            let i = found.iter().position(|(t, ..)| t == term).unwrap_or_else(|| {
                found.push((*term, vec![false; run.len()], 0));
                found.len() - 1
            });
            let entry = &mut found[i];
            for s in starts {
                entry.1[s..s + word.len()].iter_mut().for_each(|c| *c = true);
            }
            entry.2 = entry.2.max(word.len());
        }
        let score = |(term, covered, longest): &(u32, Vec<bool>, usize)| {
            (covered.iter().filter(|&&c| c).count(), *longest, std::cmp::Reverse(*term))
        };
        found.iter().max_by_key(|e| score(e)).map(|(term, ..)| self.terms[*term as usize].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::EverydayTerms;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn lines_are_read_and_bad_ones_reported_not_fatal() {
        let (list, report) = EverydayTerms::parse(
            "\u{feff}# 注释\n\n信访：上访 越级上访、来信来访\n法律援助:免费律师 上访\n没有冒号的一行\n 两 字：俗称\n空的：\n",
        );
        assert_eq!((report.terms, report.words), (2, 4));
        // A word twice in one line is kept once, without a report.
        assert_eq!(EverydayTerms::parse("信访：上访 上访").1.words, 1);
        assert_eq!(report.problems.len(), 4, "{:?}", report.problems);
        assert!(report.problems[0].contains("“上访”已经是“信访”的俗称"), "{:?}", report.problems);
        assert!(report.problems[1].starts_with("第 5 行没有冒号"), "{:?}", report.problems);
        assert!(report.problems[2].starts_with("第 6 行冒号前"), "{:?}", report.problems);
        assert!(report.problems[3].starts_with("第 7 行“空的”后面没有"), "{:?}", report.problems);
        assert_eq!(list.best(&chars("老百姓上访的事"), |_, _| true), Some("信访"));
    }

    #[test]
    fn the_term_covering_most_of_the_run_wins() {
        let (list, _) = EverydayTerms::parse("未成年人：孩子 小孩\n校园欺凌：欺负 同学欺负 霸凌\n");
        // 孩子 (2) against 同学欺负 + 欺负 (4, nested words counted once).
        assert_eq!(list.best(&chars("孩子在学校被同学欺负"), |_, _| true), Some("校园欺凌"));
        // Equal cover: the earlier line.
        assert_eq!(list.best(&chars("孩子被欺负"), |_, _| true), Some("未成年人"));
        // A word or term the caller cannot use is skipped.
        assert_eq!(list.best(&chars("孩子被欺负"), |_, term| term != "未成年人"), Some("校园欺凌"));
        assert_eq!(list.best(&chars("没有关系"), |_, _| true), None);
    }

    #[test]
    fn words_match_as_questions_are_folded() {
        // Questions are matched lower-cased, half-width and simplified; so are the words.
        let (list, _) = EverydayTerms::parse("文化市场：KTV 網吧\n");
        assert_eq!(list.best(&chars("ktv"), |_, _| true), Some("文化市场"));
        assert_eq!(list.best(&chars("网吧"), |_, _| true), Some("文化市场"));
    }

    #[test]
    fn the_browsers_flat_form_reads_as_the_file() {
        let list = EverydayTerms::from_flat("信访\t上访\t来信来访\n\n雪亮工程\t摄像头\n");
        assert_eq!(list.best(&chars("来信来访的事"), |_, _| true), Some("信访"));
        assert_eq!(list.best(&chars("摄像头"), |_, _| true), Some("雪亮工程"));
    }

    /// data/terms.txt, as shipped, has no line the parser skips.
    #[test]
    fn the_shipped_list_reads_whole() {
        let (list, report) = EverydayTerms::parse(include_str!("../../data/terms.txt"));
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(report.terms > 100 && !list.is_empty(), "{report:?}");
    }

    #[test]
    fn a_countys_words_extend_the_list() {
        let (mut list, _) = EverydayTerms::parse("信访：上访\n");
        let report = list.extend("雪亮工程：天网 摄像头\n信访：上访 找政府\n");
        assert_eq!((report.terms, report.words, report.problems.len()), (2, 3, 0));
        assert_eq!(list.best(&chars("街上的摄像头"), |_, _| true), Some("雪亮工程"));
        assert_eq!(list.best(&chars("找政府"), |_, _| true), Some("信访"));
    }
}
