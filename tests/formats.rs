//! The same plan in another encoding or wrapped in a web page gives the same measures.

use plan_lookup::{corpus::DEFAULT_DOCUMENTS, ingest_bytes, Measure};

fn measures(name: &str, bytes: &[u8]) -> Vec<Measure> {
    ingest_bytes(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}")).measures
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Wraps a plain-text plan in a portal-like page: navigation, scripts, styles, one <p> per line.
fn as_html(text: &str) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政务公开</title>\
         <style>p { margin: 0 } .nav a { color: red }</style>\
         <script>var 牵头单位 = '（牵头单位：假单位）'; document.write('<p>1.假任务。</p>');</script></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a></div>\n<div class=\"content\">\n",
    );
    for line in text.lines() {
        if line.trim().is_empty() {
            html.push_str("<p>&nbsp;</p>\n");
        } else {
            html.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
    }
    html.push_str("</div><footer><script src=\"/stats.js\"></script>版权所有</footer></body></html>");
    html
}

#[test]
fn gbk_text_gives_the_same_measures_as_utf8() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let text = std::str::from_utf8(bytes).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable, "{name} encodes to GB18030");
        assert_eq!(measures(name, &gbk), measures(name, bytes), "{name} as GB18030");
    }
}

#[test]
fn html_page_gives_the_same_measures_as_plain_text() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let text = std::str::from_utf8(bytes).unwrap();
        let html = as_html(text);
        assert_eq!(measures(name, html.as_bytes()), measures(name, bytes), "{name} as HTML");
    }
}

#[test]
fn crlf_line_ends_give_the_same_measures() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let text = std::str::from_utf8(bytes).unwrap().replace('\n', "\r\n");
        assert_eq!(measures(name, text.as_bytes()), measures(name, bytes), "{name} with CRLF");
    }
}
