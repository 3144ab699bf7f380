//! Unit tests of the text reader.

use super::super::html::*;
use super::*;
use encoding_rs::{Encoding, GB18030, GBK};

fn binary_reason(r: Result<String, IngestError>) -> String {
    match r {
        Err(IngestError::Binary(why)) => why,
        other => panic!("expected Binary, got {other:?}"),
    }
}

/// Non-empty lines, trimmed.
fn lines(s: &str) -> Vec<&str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

const PLAN: &str = "资阳区法治政府建设实施方案（2021-2025年）\n\
    一、总体要求\n\
    （一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。\n\
    1.完善依法行政制度体系。（牵头单位：区司法局；责任单位：区直各单位）\n\
    2.推进严格规范公正文明执法。（牵头单位：区司法局、区公安分局）\n\
    二、保障措施\n";

fn html_page(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>关于印发实施方案的通知</title>\n\
         <style>p {{ text-indent: 2em; }} .x > a {{ color: red }}</style>\n\
         <script>var s = \"<p>not text</p>\"; if (a < b && c > d) {{}}</script>\n</head>\n<body>\n\
         <nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zc\">政策文件</a></li></ul></nav>\n\
         <noscript><p>请启用JavaScript</p></noscript>\n<!-- 正文开始 <p>注释</p> -->\n\
         <div class=\"content\">\n{body}</div>\n<script type=\"text/javascript\">document.write('<div>x</div>');</script>\n\
         <template><p>模板</p></template>\n<footer><p>版权所有</p><nav>网站地图</nav></footer>\n</body>\n</html>\n"
    )
}

fn as_paragraphs(plain: &str) -> String {
    plain.lines().map(|l| format!("<p>{l}</p>\n")).collect()
}

#[test]
fn utf8_plain_text_is_kept() {
    assert_eq!(decode(PLAN.as_bytes()).unwrap(), PLAN);
}

#[test]
fn utf8_bom_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(PLAN.as_bytes());
    assert_eq!(decode(&bytes).unwrap(), PLAN);
}

#[test]
fn crlf_and_cr_become_lf() {
    assert_eq!(decode("一、总体\r\n二、措施\r三、其他\r\n".as_bytes()).unwrap(), "一、总体\n二、措施\n三、其他\n");
}

#[test]
fn gbk_bytes_are_decoded() {
    let (gbk, _, had_errors) = GBK.encode(PLAN);
    assert!(!had_errors);
    assert!(std::str::from_utf8(&gbk).is_err());
    assert_eq!(decode(&gbk).unwrap(), PLAN);
    // GB18030-only characters (four-byte sequences) too.
    let rare = "𠀀㐀€ 计划\n";
    let (gb, _, had_errors) = GB18030.encode(rare);
    assert!(!had_errors);
    assert_eq!(decode(&gb).unwrap(), rare);
}

#[test]
fn gbk_html_with_meta_charset() {
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>{}</body></html>",
        as_paragraphs(PLAN)
    );
    let (gbk, _, had_errors) = GBK.encode(&page);
    assert!(!had_errors);
    assert_eq!(lines(&decode(&gbk).unwrap()), lines(PLAN));
}

#[test]
fn utf16_with_bom() {
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in PLAN.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(decode(&le).unwrap(), PLAN);
    assert_eq!(decode(&be).unwrap(), PLAN);
    // Odd length: not UTF-16.
    le.push(0x41);
    assert!(binary_reason(decode(&le)).contains("UTF-16LE"));
}

#[test]
fn empty_and_whitespace() {
    for input in [&b""[..], b"   ", b"\n\r\n\t ", "\u{3000}\u{3000}\n".as_bytes(), b"\xEF\xBB\xBF", b"\xEF\xBB\xBF \n"] {
        assert_eq!(decode(input), Err(IngestError::Empty), "{input:?}");
    }
    assert_eq!(decode(&[0xFF, 0xFE, 0x20, 0x00, 0x00, 0x30]), Err(IngestError::Empty));
    assert_eq!(decode(b"<html><head><title>x</title></head><body>&nbsp;<script>x()</script></body></html>"), Err(IngestError::Empty));
}

#[test]
fn binary_signatures() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert!(binary_reason(decode(png)).contains("PNG"));
    let zip = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml";
    let why = binary_reason(decode(zip));
    assert!(why.contains("ZIP/DOCX"), "{why}");
    assert!(binary_reason(decode(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")).contains("PDF"));
    assert!(binary_reason(decode(b"\xFF\xD8\xFF\xE0\0\x10JFIF")).contains("JPEG"));
    assert!(binary_reason(decode(b"GIF89a\x01\0\x01\0")).contains("GIF"));
    assert!(binary_reason(decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0")).contains("OLE"));
}

fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn random_bytes_are_binary() {
    for seed in 1..20 {
        let why = binary_reason(decode(&random_bytes(seed, 4096)));
        assert!(!why.is_empty());
    }
}

#[test]
fn nul_and_control_characters() {
    assert!(binary_reason(decode(b"plan\0text")).contains("NUL"));
    let utf16_no_bom: Vec<u8> = "plan text here".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(binary_reason(decode(&utf16_no_bom)).contains("UTF-16"));
    assert!(binary_reason(decode(b"abc\x01\x02def\x03\x04")).contains("control"));
    // A few control characters in a long text are fine; tabs and form feeds always are.
    let mut ok = "正文\t内容\x0c第二页\n".repeat(20);
    ok.push('\x1b');
    assert!(decode(ok.as_bytes()).is_ok());
}

#[test]
fn gb_labels_agree_with_encoding_rs() {
    for label in [
        "gbk",
        "GB2312",
        "x-gbk",
        "gb18030",
        "GB18030",
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb_2312",
        "gb_2312-80",
        "iso-ir-58",
        "utf-8",
        "big5",
        "gb",
        "gb-2312",
        "euc-cn",
        "x-euc-cn",
        "hz-gb-2312",
        "gbk2",
    ] {
        let by_table = Encoding::for_label(label.as_bytes()).is_some_and(|e| e == GBK || e == GB18030);
        assert_eq!(is_gb_label(label.as_bytes()), by_table, "{label}");
    }
}

#[test]
fn invalid_bytes_reason_has_offset() {
    let mut bytes = b"abc ".to_vec();
    bytes.extend_from_slice(&[0xFF, 0x41]);
    let why = binary_reason(decode(&bytes));
    assert!(why.contains("byte 4") && why.contains("not UTF-8 or GBK"), "{why}");
}

#[test]
fn utf8_with_a_bad_byte_is_not_taken_for_gbk() {
    // Even-length runs of UTF-8 Chinese decode as (wrong) GB18030 without errors; a UTF-8
    // file with one bad byte must not come out as mojibake.
    let mut bytes = "中文".repeat(10).into_bytes();
    bytes.push(0xB0);
    bytes.push(0xA1);
    assert!(decode_strict(Codec::Gb18030, &bytes).is_ok());
    let why = binary_reason(decode(&bytes));
    assert!(why.contains("UTF-8"), "{why}");
}

#[test]
fn truncated_last_character_is_dropped() {
    let mut bytes = PLAN.as_bytes().to_vec();
    bytes.extend_from_slice(&"法".as_bytes()[..2]);
    assert_eq!(decode(&bytes).unwrap(), PLAN);
}

#[test]
fn html_page_gives_the_plain_lines() {
    let page = html_page(&as_paragraphs(PLAN));
    let text = decode(page.as_bytes()).unwrap();
    assert_eq!(lines(&text), lines(PLAN), "{text}");
    for hidden in ["首页", "not text", "模板", "版权所有", "网站地图", "注释", "关于印发"] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
    // Word-style markup: spans, o:p, conditional comments, attributes with `>` in quotes.
    let word: String = PLAN
        .lines()
        .map(|l| {
            format!(
                "<p class=MsoNormal style='text-indent:2em' title=\"a>b\"><span lang=EN-US>\
                 <![if !supportLists]><![endif]>{l}</span><o:p></o:p></p>\r\n"
            )
        })
        .collect();
    let word = format!("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><!--[if gte mso 9]><xml><w:Word>x</w:Word></xml><![endif]--></head><body lang=ZH-CN>{word}</body></html>");
    assert_eq!(lines(&decode(word.as_bytes()).unwrap()), lines(PLAN));
}

#[test]
fn html_fragment_and_blank_lines() {
    let frag = "<div>一、总体要求</div><div><p>（一）指导思想</p><p>二、措施</p></div>";
    assert_eq!(decode(frag.as_bytes()).unwrap(), "一、总体要求\n\n（一）指导思想\n\n二、措施\n");
}

#[test]
fn entities() {
    let html = "<p>&ldquo;放管服&rdquo;改革&mdash;&mdash;深化&hellip;&nbsp;A&amp;B &lt;规划&gt; &quot;q&quot; &#39;s&#x27; &#20013;&#x6587; &middot; &copy&nbsp&unknown; & x</p><p>b</p><p>c</p>";
    assert_eq!(decode(html.as_bytes()).unwrap(), "“放管服”改革——深化… A&B <规划> \"q\" 's' 中文 · © &unknown; & x\n\nb\n\nc\n");
    // Decoded `<` is text, never markup; Windows-1252 numeric references; bad values.
    let html = "<p>&lt;p&gt; &#150; &#x110000; &#0; &#1;x &#99999999999999999999;</p><br><br>";
    assert_eq!(decode(html.as_bytes()).unwrap(), "<p> – \u{FFFD} \u{FFFD} x \u{FFFD}\n");
}

#[test]
fn br_and_whitespace() {
    let html = "<div>第一行<br>第二行<br/>第三行<BR />\n\n<br>第五行</div>  <p>  多个   空格\t和\n换行  </p><p>区司\n   法局</p><p>2021\n年 a\nb</p>";
    assert_eq!(decode(html.as_bytes()).unwrap(), "第一行\n第二行\n第三行\n\n第五行\n\n多个 空格 和换行\n\n区司法局\n\n2021 年 a b\n");
}

#[test]
fn tables_put_each_cell_on_its_own_line() {
    let html = "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\
                <tr><td>1</td><td>完善制度</td><td>区司法局</td></tr></table>";
    assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["序号", "任务", "牵头单位", "1", "完善制度", "区司法局"]);
}

#[test]
fn literal_angle_brackets_are_text() {
    let html = "<p>《资阳区贯彻落实<法治湖南建设规划（2021-2025年）>实施细则》</p><p>a < b, 3<4</p><p>x</p>";
    assert_eq!(
        lines(&decode(html.as_bytes()).unwrap()),
        ["《资阳区贯彻落实<法治湖南建设规划（2021-2025年）>实施细则》", "a < b, 3<4", "x"]
    );
    // Plain text with such brackets is not HTML.
    let plain = "关于征求《资阳区贯彻落实<法治湖南建设规划>实施细则》意见的函\n";
    assert_eq!(decode(plain.as_bytes()).unwrap(), plain);
}

#[test]
fn pre_keeps_line_breaks() {
    let html = "<p>前</p><pre>\n一、总体\n  二、措施\n</pre><p>后</p>";
    assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["前", "一、总体", "二、措施", "后"]);
}

#[test]
fn head_without_end_tag_and_unclosed_nav() {
    let html = "<html><head><title>标题</title><meta charset=utf-8><p>正文一</p><p>正文二</p></html>";
    assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["正文一", "正文二"]);
    let html = "<html><body><nav>导航<p>正文一</p><p>正文二</p></body></html>";
    assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["导航", "正文一", "正文二"]);
    let html = "<p>正文一</p><footer>版权所有</footer><p>正文二</p><footer><p>正文三</p>";
    assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["正文一", "正文二", "正文三"]);
}

#[test]
fn deep_nesting_does_not_blow_the_stack() {
    let n = 100_000;
    let html = format!("{}正文{}", "<div>".repeat(n), "</div>".repeat(n));
    assert_eq!(decode(html.as_bytes()).unwrap(), "正文\n");
    let html = format!("<p>a</p>{}<p>b</p>{}", "<template>".repeat(n), "</template>".repeat(n));
    assert_eq!(decode(html.as_bytes()).unwrap(), "a\n");
    let html = format!("<p>a</p>{}b", "<span><nav><pre><b>".repeat(n));
    assert!(decode(html.as_bytes()).is_ok());
}

#[test]
fn pathological_inputs_are_fast_and_safe() {
    let n = 200_000;
    let cases = [
        format!("<p>x</p>{}", "<a ".repeat(n)),
        format!("<p>x</p>{}", "<script>".repeat(n)),
        format!("<p>x</p>{}", "<!--".repeat(n)),
        format!("<p>x</p>{}", "<a href=\"".repeat(n)),
        format!("<p>x</p>{}", "&#".repeat(n)),
        format!("<p>x</p>{}", "&amp".repeat(n)),
        format!("<p>x</p>{}", "<".repeat(n)),
        format!("<p>x</p>{}", "</".repeat(n)),
        format!("<p>x</p>{}", "<!".repeat(n)),
        format!("<p>x</p>{}", "&#x".repeat(n)),
        format!("<p>x</p><p>{}</p>", "1".repeat(n)),
        format!("<p>x</p><p>&#{};</p>", "9".repeat(n)),
        format!("<p>x</p><p>&{};</p>", "a".repeat(n)),
        format!("<body>{}", "<p>\n".repeat(n)),
        "charset=".repeat(n),
    ];
    for case in &cases {
        let _ = decode(case.as_bytes());
    }
}

#[test]
fn never_panics_on_truncated_or_mutated_input() {
    let page = html_page(&as_paragraphs(PLAN));
    let (gbk, _, _) = GBK.encode(&page);
    for bytes in [page.as_bytes(), &gbk[..]] {
        for cut in 0..bytes.len() {
            let _ = decode(&bytes[..cut]);
            let _ = decode(&bytes[cut..]);
        }
    }
    for seed in 1..200u64 {
        let mut bytes = page.as_bytes().to_vec();
        let noise = random_bytes(seed, 16);
        for pair in noise.chunks(2) {
            let at = (pair[0] as usize * 131 + pair[1] as usize * 7) % bytes.len();
            bytes[at] = pair[1];
        }
        let _ = decode(&bytes);
        let _ = decode(&random_bytes(seed, seed as usize * 3));
    }
}

#[test]
fn looks_like_html_is_strict_enough() {
    assert!(looks_like_html("  <!doctype HTML><p>x"));
    assert!(looks_like_html("<HTML>"));
    assert!(looks_like_html("text <BODY bgcolor=white> more"));
    assert!(looks_like_html("<p>a</p><p>b</p>"));
    assert!(!looks_like_html("<p>a</p>"));
    assert!(!looks_like_html("<htmlx> <法治湖南> <1> a<b"));
}
