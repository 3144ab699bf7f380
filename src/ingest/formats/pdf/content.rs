//! Content streams: the text operators, with the text matrix and the CTM, as positioned runs.

use super::document::Doc;
use super::fonts::Font;
use super::syntax::{Obj, Parser};
use std::collections::BTreeMap;

/// A run of text shown at one place: its start and end x, its baseline y, its size.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) x: f64,
    pub(super) end: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

pub(super) type Matrix = [f64; 6];

pub(super) fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The runs of one page's content.
/// Fonts read so far, by object number (shared by every page that uses the font).
pub(super) type Fonts = BTreeMap<u32, Font>;

pub(super) fn page_runs(doc: &mut Doc, content: &[u8], resources: &Obj, fonts: &mut Fonts, unmapped: &mut usize) -> Vec<Run> {
    let font_dict = doc.get(resources, b"Font").clone();
    let mut runs = Vec::new();
    let mut p = Parser::new(content, 0);
    let mut operands: Vec<Obj> = Vec::new();
    let (mut ctm, mut stack) = (IDENTITY, Vec::<Matrix>::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut font_id: Option<u32> = None;
    // Fonts given directly in the page's resources (not as objects), read once per page.
    let mut direct: BTreeMap<Vec<u8>, Font> = BTreeMap::new();
    let mut direct_font: Option<Vec<u8>> = None;
    let (mut size, mut leading, mut char_space, mut word_space, mut scale) = (12.0, 0.0, 0.0, 0.0, 1.0);
    let num = |o: &[Obj], i: usize| o.get(i).and_then(Obj::num).unwrap_or(0.0);
    while let Some(v) = p.value(0) {
        let Obj::Op(op) = v else {
            if operands.len() < 64 {
                operands.push(v);
            }
            continue;
        };
        match op.as_slice() {
            b"q" => stack.push(ctm),
            b"Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            b"cm" if operands.len() >= 6 => {
                let m = [num(&operands, 0), num(&operands, 1), num(&operands, 2), num(&operands, 3), num(&operands, 4), num(&operands, 5)];
                ctm = mul(&m, &ctm);
            }
            b"BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            b"Tf" if operands.len() >= 2 => {
                if let Some(Obj::Name(n)) = operands.first() {
                    match font_dict.get(n) {
                        Some(Obj::Ref(id)) => {
                            font_id = Some(*id);
                            direct_font = None;
                            if !fonts.contains_key(id) {
                                let f = Font::load(doc, &Obj::Ref(*id));
                                fonts.insert(*id, f);
                            }
                        }
                        other => {
                            font_id = None;
                            if !direct.contains_key(n) {
                                let f = match other {
                                    Some(o) => Font::load(doc, o),
                                    None => Font { default_width: 1000.0, ..Font::default() },
                                };
                                direct.insert(n.clone(), f);
                            }
                            direct_font = Some(n.clone());
                        }
                    }
                }
                size = num(&operands, 1);
            }
            b"TL" => leading = num(&operands, 0),
            b"Tc" => char_space = num(&operands, 0),
            b"Tw" => word_space = num(&operands, 0),
            b"Tz" => scale = num(&operands, 0) / 100.0,
            b"Td" | b"TD" if operands.len() >= 2 => {
                let (tx, ty) = (num(&operands, 0), num(&operands, 1));
                if op == b"TD" {
                    leading = -ty;
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                tm = tlm;
            }
            b"Tm" if operands.len() >= 6 => {
                tlm = [num(&operands, 0), num(&operands, 1), num(&operands, 2), num(&operands, 3), num(&operands, 4), num(&operands, 5)];
                tm = tlm;
            }
            b"T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            b"Tj" | b"'" | b"\"" | b"TJ" => {
                if op == b"'" || op == b"\"" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let items: Vec<Obj> = match (op.as_slice(), operands.last()) {
                    (b"TJ", Some(Obj::Arr(a))) => a.clone(),
                    (_, Some(s @ Obj::Str(_))) => vec![s.clone()],
                    _ => Vec::new(),
                };
                let Some(font) = font_id.and_then(|id| fonts.get(&id)).or(direct_font.as_ref().and_then(|n| direct.get(n))) else {
                    operands.clear();
                    continue;
                };
                for item in items {
                    match item {
                        Obj::Num(adj) => {
                            let tx = -adj / 1000.0 * size * scale;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                        }
                        Obj::Str(s) => {
                            let start = mul(&tm, &ctm);
                            let mut text = String::new();
                            for (code, t) in font.decode(&s) {
                                if t.is_empty() && !font.mapped {
                                    *unmapped += 1;
                                }
                                let space = if t == " " { word_space } else { 0.0 };
                                text.push_str(&t);
                                let tx = (font.width(code) / 1000.0 * size + char_space + space) * scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                            let end = mul(&tm, &ctm);
                            // The size on the page: the text matrix's vertical scale times the font size.
                            let page_size = (size * (start[2].powi(2) + start[3].powi(2)).sqrt()).abs().max(1.0);
                            if !text.is_empty() {
                                runs.push(Run { x: start[4], end: end[4], y: start[5], size: page_size, text });
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        operands.clear();
    }
    runs
}
