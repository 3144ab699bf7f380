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

// The .docx writer (`zip`) is a native-only dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
fn xml_escape(s: &str) -> String {
    escape(s).replace('"', "&quot;")
}

#[cfg(not(target_arch = "wasm32"))]
/// A minimal Word .docx: one `<w:p>` per line (blank lines as empty paragraphs), the text
/// split over two runs, with the parts Word writes around document.xml.
fn as_docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let (a, b): (String, String) = (chars[..chars.len() / 2].iter().collect(), chars[chars.len() / 2..].iter().collect());
        body.push_str(&format!(
            "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(&a),
            xml_escape(&b)
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_string(),
        ),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>".to_string()),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn docx_gives_the_same_measures_as_plain_text() {
    for (name, bytes) in DEFAULT_DOCUMENTS {
        let text = std::str::from_utf8(bytes).unwrap();
        assert_eq!(measures(name, &as_docx(text)), measures(name, bytes), "{name} as .docx");
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn docx_text_keeps_paragraphs_and_entities() {
    let text = plan_lookup::ingest::formats::docx::docx_to_text(&as_docx("A & B <c>\n\n第二段")).unwrap();
    assert_eq!(text, "A & B <c>\n\n第二段\n");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_zip_that_is_not_a_docx_is_named_as_such() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all("1. 任务。（责任单位：区司法局）".as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = ingest_bytes("notes.zip", &bytes).unwrap_err().to_string();
    assert!(err.contains("not a Word (.docx), Excel (.xlsx) or OpenDocument"), "{err}");
    let err = ingest_bytes("cut.docx", &bytes[..bytes.len() / 2]).unwrap_err().to_string();
    assert!(err.contains("cannot be read (the archive is damaged or incomplete)"), "{err}");
}

/// `责任单位：…` on a line of its own after each measure (a layout none of the seeds uses).
#[test]
fn clause_on_its_own_line_after_each_measure_is_read() {
    let doc = "测试区法治政府建设实施方案\n一、完善制度\n1. 推进依法行政，完善行政决策制度。\n责任单位：区司法局、区政府办\n\n2. 加强行政执法监督，落实执法责任制。\n责任单位：区司法局\n";
    let d = ingest_bytes("own-line.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 2, "{:#?}", d.measures);
    assert_eq!(d.measures[0].responsible, ["区司法局", "区政府办"]);
    assert_eq!(d.measures[0].text, "推进依法行政，完善行政决策制度。");
    assert_eq!(d.measures[1].responsible, ["区司法局"]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

/// A division-of-labour table with 牵头单位 and 配合单位 columns, flattened to text.
#[test]
fn lead_and_support_columns_of_a_table_are_read() {
    let doc = "测试区法治政府建设重要举措分工方案\n序号\n重要举措\n牵头单位\n配合单位\n1. 完善行政决策程序制度。\n区司法局\n区政府办、区发改局\n2. 推进政务公开。\n区政府办\n区数据局\n";
    let d = ingest_bytes("table.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 2, "{:#?}", d.measures);
    assert_eq!(d.measures[0].lead, ["区司法局"]);
    assert_eq!(d.measures[0].support, ["区政府办", "区发改局"]);
    assert_eq!(d.measures[1].lead, ["区政府办"]);
    assert_eq!(d.measures[1].support, ["区数据局"]);
}

/// A layout that is not understood is reported, never half-parsed in silence: every
/// numbered item whose units could not be read is named in a warning.
#[test]
fn a_layout_not_understood_is_reported_item_by_item() {
    let doc = "测试区法治政府建设实施方案\n1. 推进依法行政。（责任单位：区司法局）\n2. 完善行政决策制度。\n主办：区政府办\n3. 加强行政执法监督。\n主办：区司法局\n";
    let d = ingest_bytes("odd.txt", doc.as_bytes()).unwrap();
    for n in ["2", "3"] {
        assert!(d.warnings.iter().any(|w| w.message.contains(&format!("item {n} has no unit clause"))), "{:?}", d.warnings);
    }
    // A document with no readable clause at all is an error that says what was expected.
    let err = ingest_bytes("none.txt", "一、总则\n二、分工\n主办：区政府办\n".as_bytes()).unwrap_err().to_string();
    assert!(err.contains("no measures found") && err.contains("牵头单位"), "{err}");
}
