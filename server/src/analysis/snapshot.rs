//! The immutable input of every analysis: one document's text, parsed model
//! and detected kind at one version, and what analyses derive from the model
//! once per parse.

use super::finding::Finding;
use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

use awsls_grammars::{Document, Format, Span};
use ropey::Rope;

use super::cfn::conditions::Conditions;
use super::cfn::template::Template;
use super::kind::DocKind;
use super::sam::Generated;

/// What analyses derive from one parse, computed at most once and shared by
/// every snapshot of that parse (the diagnostics worker's and requests'), so
/// that a request on a large template does not rebuild it.
#[derive(Debug, Default)]
pub struct Derived {
    kind: OnceLock<Option<DocKind>>,
    template: OnceLock<Template>,
    /// The resources SAM generates from the template's.
    generated: OnceLock<Vec<Generated>>,
    /// The template's conditions, decided, with the text they were read
    /// from (`Parameters` and `Conditions`).
    conditions: OnceLock<(String, Arc<Conditions>)>,
    /// The template of the parse before, to refresh rather than rebuild.
    previous_template: Mutex<Option<Template>>,
    /// The conditions of the parse before, kept when their text is the same.
    previous_conditions: Option<(String, Arc<Conditions>)>,
    /// The findings of the last validation of this parse, and the regions
    /// it was made for: a code-action request reads them instead of
    /// validating again.
    findings: Mutex<Option<KeptFindings>>,
}

/// Findings of a validation and the regions it was made for.
type KeptFindings = (Arc<[String]>, Arc<Vec<Finding>>);

impl Derived {
    /// What is derived from a new parse of a document, starting from what
    /// `previous` (the parse before) derived when nothing else holds it: an
    /// edit inside one resource then costs the template a walk over the
    /// declarations that allocates nothing for the unchanged ones.
    pub fn succeeding(previous: Arc<Derived>) -> Derived {
        let previous_conditions = previous.conditions.get().cloned();
        let template = Arc::try_unwrap(previous)
            .ok()
            .and_then(|derived| derived.template.into_inner());
        Derived {
            previous_template: Mutex::new(template),
            previous_conditions,
            ..Derived::default()
        }
    }
}

#[derive(Clone, Debug)]
pub struct Snapshot {
    /// File name or URI path, used for name-based detection and messages.
    pub name: String,
    pub version: Option<i32>,
    pub text: Rope,
    pub format: Format,
    pub document: Arc<Document>,
    pub kind: Option<DocKind>,
    /// The regions the template is validated for (`us-east-1` unless the
    /// user chose others).
    pub regions: Arc<[String]>,
    derived: Arc<Derived>,
}

/// The regions validated when none are chosen.
pub fn default_regions() -> Arc<[String]> {
    static DEFAULT: std::sync::OnceLock<Arc<[String]>> = std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(|| Arc::from(vec!["us-east-1".to_string()]))
        .clone()
}

impl Snapshot {
    /// Builds a snapshot from text, parsing it and detecting its kind.
    pub fn from_text(name: &str, text: &str) -> Snapshot {
        let format = awsls_grammars::detect_format(Some(name), text);
        let document = Arc::new(awsls_grammars::parse(text, format));
        let rope = Rope::from_str(text);
        Snapshot::new(name.to_string(), None, rope, format, document)
    }

    pub fn new(
        name: String,
        version: Option<i32>,
        text: Rope,
        format: Format,
        document: Arc<Document>,
    ) -> Snapshot {
        Snapshot::sharing(name, version, text, format, document, Arc::default())
    }

    /// A snapshot of a parse whose derived data `derived` holds (shared with
    /// the parse's other snapshots; a new parse needs a new one).
    pub fn sharing(
        name: String,
        version: Option<i32>,
        text: Rope,
        format: Format,
        document: Arc<Document>,
        derived: Arc<Derived>,
    ) -> Snapshot {
        let kind = *derived
            .kind
            .get_or_init(|| super::kind::detect(&document, &text, &name));
        Snapshot {
            name,
            version,
            text,
            format,
            document,
            kind,
            regions: default_regions(),
            derived,
        }
    }

    /// Keeps `findings` (a validation of this snapshot) for later requests
    /// on the same parse.
    pub fn remember_findings(&self, findings: Vec<Finding>) -> Arc<Vec<Finding>> {
        let findings = Arc::new(findings);
        if let Ok(mut slot) = self.derived.findings.lock() {
            *slot = Some((self.regions.clone(), findings.clone()));
        }
        findings
    }

    /// The findings of this parse: those kept by the last validation when it
    /// was made for the same regions, else a new validation (kept too).
    pub fn findings(&self) -> Arc<Vec<Finding>> {
        let kept = self
            .derived
            .findings
            .lock()
            .ok()
            .and_then(|slot| slot.clone())
            .filter(|(regions, _)| *regions == self.regions)
            .map(|(_, findings)| findings);
        match kept {
            Some(findings) => findings,
            None => self.remember_findings(super::diagnostics(self)),
        }
    }

    /// The template's declarations, built once per parse.
    pub fn template(&self) -> &Template {
        self.derived.template.get_or_init(|| {
            let previous = self
                .derived
                .previous_template
                .lock()
                .ok()
                .and_then(|mut previous| previous.take());
            match previous {
                Some(template) => template.refresh(&self.document),
                None => Template::from_document(&self.document),
            }
        })
    }

    /// What this snapshot's parse derived, for tests and benchmarks that
    /// build the next one.
    pub fn derived_handle(&self) -> Arc<Derived> {
        self.derived.clone()
    }

    /// The template's conditions decided, built once per parse and taken
    /// over from the parse before when `Parameters` and `Conditions` read
    /// the same.
    pub fn conditions(&self) -> &Conditions {
        &self.decided_conditions().1
    }

    /// The decided conditions with the text they were read from.
    fn decided_conditions(&self) -> &(String, Arc<Conditions>) {
        self.derived.conditions.get_or_init(|| {
            let template = self.template();
            let mut key = String::new();
            if let Some(root) = template.root {
                for section in ["Parameters", "Conditions"] {
                    if let Some(entry) = self.document.entry(root, section) {
                        let value = self.document.node(entry.value).span;
                        key.push_str(&self.slice(Span::new(entry.key.span.start, value.end)));
                    }
                    key.push('\0');
                }
            }
            match &self.derived.previous_conditions {
                Some((text, kept)) if *text == key => (key, kept.clone()),
                _ => (key, Arc::new(Conditions::build(self, template))),
            }
        })
    }

    /// A hash of the text the conditions were read from (0 without
    /// conditions): results that read the conditions are kept while it stays.
    pub fn conditions_fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        if self.template().conditions.is_empty() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.decided_conditions().0.hash(&mut hasher);
        hasher.finish()
    }

    /// The resources SAM would generate from the template's, built once per
    /// parse (validation, completion and hover all ask).
    pub fn generated(&self) -> &[Generated] {
        self.derived
            .generated
            .get_or_init(|| super::sam::generated(self, self.template()))
    }

    /// The source text of a byte range (empty when the range is not in the
    /// text); borrowed when the range lies in one chunk of the rope.
    pub fn slice(&self, span: Span) -> Cow<'_, str> {
        let len = self.text.len_bytes();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        match self.text.get_byte_slice(start..end) {
            Some(slice) => match slice.as_str() {
                Some(text) => Cow::Borrowed(text),
                None => Cow::Owned(slice.to_string()),
            },
            None => Cow::Borrowed(""),
        }
    }

    /// Whether `needle` occurs in the text, also across the rope's chunk
    /// boundaries: a search that rules out most templates before a walk
    /// over every node looks for a name written in them.
    pub fn contains(&self, needle: &str) -> bool {
        let overlap = needle.len().saturating_sub(1);
        let mut carry: Vec<u8> = Vec::with_capacity(2 * overlap);
        for chunk in self.text.chunks() {
            let bytes = chunk.as_bytes();
            carry.extend_from_slice(&bytes[..overlap.min(bytes.len())]);
            if carry.windows(needle.len()).any(|w| w == needle.as_bytes()) || chunk.contains(needle)
            {
                return true;
            }
            let keep = bytes.len().min(overlap);
            carry.clear();
            carry.extend_from_slice(&bytes[bytes.len() - keep..]);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::Snapshot;

    #[test]
    fn text_search_spans_chunk_boundaries() {
        let at_all = |text: &str| Snapshot::from_text("t.txt", text).contains("Rain::");
        for at in [0, 1, 4990, 4995, 5000, 9990] {
            let mut text = "x".repeat(10000);
            text.insert_str(at, "Rain::");
            assert!(
                ropey::Rope::from_str(&text).chunks().count() > 2,
                "a text of several chunks"
            );
            assert!(at_all(&text), "{at}");
        }
        assert!(!at_all(&"Rain:".repeat(3000)));
    }
}

#[cfg(test)]
mod kept_findings {
    use super::*;

    #[test]
    fn findings_kept_for_a_parse_are_read_back_for_the_same_regions() {
        let mut snapshot =
            Snapshot::from_text("t.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queuee\n");
        let fresh = snapshot.findings();
        assert_eq!(fresh.len(), 1, "{fresh:?}");
        // What a validation keeps is what later requests read.
        snapshot.remember_findings(Vec::new());
        assert!(snapshot.findings().is_empty());
        // Other regions: validated again.
        snapshot.regions = Arc::from(vec!["eu-west-1".to_string()]);
        assert_eq!(snapshot.findings().len(), 1);
    }
}
