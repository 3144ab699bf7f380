//! The seed plans decode to the same lines whatever the container: plain UTF-8, GBK, UTF-16,
//! or an HTML page with one `<p>` per line (escaped or not), and ingest to the same measures.

use plan_lookup::corpus::DEFAULT_DOCUMENTS;
use plan_lookup::ingest::formats::text::decode;
use plan_lookup::ingest_bytes;

mod support {
    pub mod malformed_text;
}

/// Non-empty lines, trimmed, with runs of spaces collapsed (as HTML does).
fn norm_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.split([' ', '\t', '\u{a0}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn escape(l: &str) -> String {
    l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn html(plain: &str, escaped: bool) -> String {
    let body: String = plain
        .lines()
        .map(|l| format!("<p style=\"text-indent:2em\">{}</p>\r\n", if escaped { escape(l) } else { l.to_string() }))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>政策文件</title>\n\
         <script>var x = 1 < 2;</script><style>p{{margin:0}}</style>\n</head>\n<body>\n\
         <nav><a href=\"/\">首页</a> &gt; <a href=\"/zc\">政策文件</a></nav>\n<div id=\"zoom\">\n{body}</div>\n</body>\n</html>\n"
    )
}

#[test]
fn seed_plans_give_the_same_lines_in_every_container() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let plain = decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = norm_lines(&plain);
        assert!(!want.is_empty(), "{name}");

        for escaped in [true, false] {
            let page = html(&plain, escaped);
            let got = decode(page.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(norm_lines(&got), want, "{name} as HTML (escaped: {escaped})");
        }

        let (gbk, _, had_errors) = encoding_rs::GB18030.encode(&plain);
        assert!(!had_errors, "{name}");
        assert_eq!(norm_lines(&decode(&gbk).unwrap()), want, "{name} as GB18030");

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(plain.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(norm_lines(&decode(&utf16).unwrap()), want, "{name} as UTF-16LE");
    }
}

#[test]
fn seed_plans_ingest_to_the_same_measures_from_html() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let Ok(plain_doc) = ingest_bytes(name, bytes) else { continue };
        let text = decode(bytes).unwrap();
        let page = html(&text, true);
        let html_doc = ingest_bytes(name, page.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(html_doc.measures, plain_doc.measures, "{name}");
    }
}

/// Malformed GBK/UTF-16 bytes are refused with the offset of the first bad sequence (the same
/// cases run in the browser build in tests/wasm.rs).
#[test]
fn malformed_text_is_reported_at_its_offset() {
    support::malformed_text::check_malformed_text();
}
