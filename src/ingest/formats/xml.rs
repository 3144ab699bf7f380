//! Text of XML events (quick-xml's streaming reader), shared by the office-format readers.

use quick_xml::events::Event;

/// The text an event carries (character data, or a character or predefined entity reference),
/// or `None` for any other event.
pub fn event_text(event: &Event) -> Result<Option<String>, String> {
    match event {
        Event::Text(t) => {
            let raw = std::str::from_utf8(t.as_ref()).map_err(|_| "its text is not UTF-8".to_string())?;
            Ok(Some(quick_xml::escape::unescape(raw).map_err(|e| format!("bad XML entity: {e}"))?.into_owned()))
        }
        Event::CData(t) => Ok(Some(String::from_utf8_lossy(t.as_ref()).into_owned())),
        Event::GeneralRef(r) => {
            let name = std::str::from_utf8(r.as_ref()).map_err(|_| "its text is not UTF-8".to_string())?;
            let c = match r.resolve_char_ref() {
                Ok(Some(c)) => Some(c),
                _ => quick_xml::escape::resolve_predefined_entity(name).and_then(|s| s.chars().next()),
            };
            Ok(Some(c.map(String::from).unwrap_or_default()))
        }
        _ => Ok(None),
    }
}

/// The value of attribute `name` of a start or empty element, unescaped.
pub fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.unescape_value().ok().map(|v| v.into_owned())
}
