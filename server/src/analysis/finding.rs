//! Findings: what every check returns, free of any protocol type.

use awsls_grammars::Span;

use super::rules::Rule;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A text replacement in the analysed document: `span` (byte range) becomes `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// A quick fix attached to a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// The fix the user most likely wants (`isPreferred` in LSP).
    pub preferred: bool,
}

/// A problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub severity: Severity,
    /// The rule that reports it (its code, family and documentation are in
    /// the registry, `analysis::rules`).
    pub rule: Rule,
    pub message: String,
    /// Other places that explain the finding (the first definition of a duplicate key, ...).
    pub related: Vec<(Span, String)>,
    pub fixes: Vec<Fix>,
    /// Rendered faded by editors (unused parameters, ...).
    pub unnecessary: bool,
    /// Rendered struck through by editors (deprecated runtimes, ...).
    pub deprecated: bool,
}

impl Finding {
    /// A finding of `rule` at `span`, with the rule's severity.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Finding {
            span,
            severity: rule.severity(),
            rule,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            unnecessary: false,
            deprecated: false,
        }
    }

    /// The same finding with another severity, for the few rules whose
    /// definition says when their severity varies (`severity_note`).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The rule's stable code (`unknown-resource-type`).
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// The rule's family: `syntax`, `cloudformation`, `sam`, `iam`, `appspec`.
    pub fn kind(&self) -> &'static str {
        self.rule.kind()
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Every byte range the finding holds: its own, its related places' and
    /// its fixes' edits.
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        std::iter::once(&self.span)
            .chain(self.related.iter().map(|(span, _)| span))
            .chain(
                self.fixes
                    .iter()
                    .flat_map(|f| f.edits.iter().map(|e| &e.span)),
            )
    }

    /// [`Finding::spans`], to change.
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        std::iter::once(&mut self.span)
            .chain(self.related.iter_mut().map(|(span, _)| span))
            .chain(
                self.fixes
                    .iter_mut()
                    .flat_map(|f| f.edits.iter_mut().map(|e| &mut e.span)),
            )
    }
}
