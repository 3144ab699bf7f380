//! Small text helpers shared by every stage: width folding, blank trimming, Chinese numerals.

/// Folds full-width ASCII variants (！-～) to ASCII and the ideographic space to a space.
/// Surface forms are kept as printed elsewhere; this is for matching only.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold_width`] for one character.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Whitespace as these documents use it: ASCII, ideographic space, no-break space, BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{A0}' || c == '\u{FEFF}'
}

/// Trims [`is_space`] characters at both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Chinese numeral characters used in item numbers.
pub fn is_cn_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇' | '两')
}

/// Value of a Chinese numeral as used in item numbers ("十一" = 11, "二十三" = 23, "一百零二" = 102).
pub fn cn_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            _ => {
                let d = digit(c)?;
                pending = Some(d);
            }
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// Is `c` a CJK ideograph (the Han characters these documents are written in)?
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Opening brackets that may start a unit clause or a parenthetical.
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '（' | '〔' | '[' | '【' | '［')
}

/// Closing brackets matching [`is_open_bracket`].
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | '）' | '〕' | ']' | '】' | '］')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_value("一"), Some(1));
        assert_eq!(cn_value("十"), Some(10));
        assert_eq!(cn_value("十一"), Some(11));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("三十二"), Some(32));
        assert_eq!(cn_value("一百零二"), Some(102));
        assert_eq!(cn_value("征求"), None);
    }

    #[test]
    fn width() {
        assert_eq!(fold_width("（责任单位：Ａ，Ｂ）"), "(责任单位:A,B)");
        assert_eq!(fold_width(&fold_width("（１）　x")), fold_width("（１）　x"));
    }
}
