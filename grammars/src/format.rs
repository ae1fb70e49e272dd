//! Choosing YAML or JSON from a file name and the text itself.

use crate::model::Format;

/// `.json` is JSON; `.yaml`/`.yml` are YAML; any other name (or none) is JSON
/// when the text starts (after a BOM and whitespace) with `{` or `[`, YAML otherwise.
pub fn detect_format(path: Option<&str>, text: &str) -> Format {
    let extension = path
        .and_then(|p| p.rsplit(['/', '\\']).next())
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        _ => {
            let body = text.trim_start_matches('\u{feff}').trim_start();
            if body.starts_with(['{', '[']) {
                Format::Json
            } else {
                Format::Yaml
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_and_content() {
        assert_eq!(detect_format(Some("a/b.json"), "x: 1"), Format::Json);
        assert_eq!(detect_format(Some("t.YML"), "{}"), Format::Yaml);
        assert_eq!(detect_format(Some("t.yaml"), "[1]"), Format::Yaml);
        assert_eq!(
            detect_format(Some("t.template"), "\u{feff}  \n{\"a\":1}"),
            Format::Json
        );
        assert_eq!(detect_format(Some("t.template"), "a: {}"), Format::Yaml);
        assert_eq!(detect_format(None, "[1]"), Format::Json);
        assert_eq!(detect_format(None, ""), Format::Yaml);
        assert_eq!(detect_format(Some("dir.json/file"), "a: 1"), Format::Yaml);
    }
}
