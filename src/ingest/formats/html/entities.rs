//! Character references (&amp; &#x4E00; &nbsp;…) as HTML defines them.

/// Parses a character reference after its `&`: the character (`None`: nothing to show) and the
/// bytes used, or `None` when the `&` is just text.
pub(super) fn parse_entity(s: &str) -> Option<(Option<char>, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (radix, start) = if matches!(b.get(1), Some(b'x' | b'X')) { (16, 2) } else { (10, 1) };
        let mut j = start;
        let mut value: u32 = 0;
        while let Some(d) = b.get(j).and_then(|&d| char::from(d).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d).min(0x11_0000);
            j += 1;
        }
        if j == start {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        return Some((numeric_reference(value), j));
    }
    let mut j = 0;
    while j < 32 && b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
        j += 1;
    }
    let name = s.get(..j).filter(|n| !n.is_empty())?;
    let c = named_entity(name)?;
    if b.get(j) == Some(&b';') {
        Some((Some(c), j + 1))
    } else if matches!(
        name,
        "amp"
            | "lt"
            | "gt"
            | "quot"
            | "nbsp"
            | "copy"
            | "reg"
            | "deg"
            | "middot"
            | "times"
            | "divide"
            | "plusmn"
            | "sect"
            | "para"
            | "laquo"
            | "raquo"
            | "shy"
            | "yen"
            | "cent"
            | "pound"
            | "AMP"
            | "LT"
            | "GT"
            | "QUOT"
    ) {
        // Legacy references that browsers accept without `;` (`&nbsp&nbsp`).
        Some((Some(c), j))
    } else {
        None
    }
}

/// `&#…;` as HTML does it: 0x80–0x9F are Windows-1252, invalid values are U+FFFD, and control
/// characters (other than whitespace) are dropped.
fn numeric_reference(v: u32) -> Option<char> {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90,
        0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = match v {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252.get((v - 0x80) as usize).copied().unwrap_or(0xFFFD),
        _ => v,
    };
    let c = char::from_u32(v).unwrap_or('\u{FFFD}');
    if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
        None
    } else {
        Some(c)
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{A0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "sdot" => '⋅',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwsp" => '\u{200B}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "shy" => '\u{AD}',
        "copy" | "COPY" => '©',
        "reg" | "REG" => '®',
        "trade" => '™',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "sect" => '§',
        "para" => '¶',
        "yen" => '¥',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "Dagger" => '‡',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "minus" => '−',
        "asymp" => '≈',
        "equiv" => '≡',
        "infin" => '∞',
        "radic" => '√',
        "loz" => '◊',
        "star" => '☆',
        "starf" => '★',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "not" => '¬',
        "macr" => '¯',
        "acute" => '´',
        "uml" => '¨',
        "cedil" => '¸',
        "curren" => '¤',
        "brvbar" => '¦',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "mu" => 'μ',
        "pi" => 'π',
        "sigma" => 'σ',
        "omega" => 'ω',
        "Omega" => 'Ω',
        _ => return None,
    })
}
