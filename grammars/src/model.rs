//! The format-neutral document model: mappings, sequences, scalars, aliases and
//! intrinsic functions with byte spans, shared by YAML and JSON.
//!
//! Nodes live in one arena (`Document::nodes`) and refer to each other by
//! [`NodeId`], so walks can be iterative and aliases never expand into copies.

use std::fmt;

/// A half-open byte range `start..end` into the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// True when `offset` lies inside the span or touches its end (cursor semantics).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Which syntax the document was written in. Analyses must not branch on it
/// except to choose how to *write* new text (completion, code actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Yaml,
    Json,
}

/// Index of a node in [`Document::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed document: the node arena, the root of each (YAML) document in the
/// stream, and the syntax problems found while parsing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub nodes: Vec<Node>,
    /// One root per YAML document in the stream; JSON has exactly one (or none when empty).
    pub roots: Vec<NodeId>,
    pub problems: Vec<SyntaxProblem>,
    /// Set when analysis of the text was limited (too large, too deep): a human-readable reason.
    pub limited: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The whole node, including its tag and anchor when present.
    pub span: Span,
    pub kind: NodeKind,
    /// The YAML tag as written (`!Ref`, `!!str`), if any (boxed: most nodes
    /// have none, and a small node keeps the arena small).
    pub tag: Option<Box<Tag>>,
    /// The YAML anchor name (`&base`), if any.
    pub anchor: Option<Box<Anchor>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Mapping(Vec<Entry>),
    Sequence(Vec<NodeId>),
    Scalar(Scalar),
    /// `*name`; `target` is the anchored node it refers to, when it was defined before it.
    Alias {
        name: String,
        target: Option<NodeId>,
    },
    /// `!Ref X`, `{"Ref": "X"}`, `Fn::GetAtt: [A, B]`, `!GetAtt A.B`: always this one shape.
    Intrinsic(Intrinsic),
    /// An absent value (`Key:` with nothing after it, or an empty document).
    Null,
    /// A region the parser could not make sense of (a syntax problem is reported for it).
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub value: NodeId,
}

/// A mapping key: its decoded text (quotes and escapes removed) and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The decoded value: quotes removed, escapes applied, block scalars folded.
    pub value: String,
    pub style: ScalarStyle,
    pub kind: ScalarKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` block scalar.
    Literal,
    /// `>` block scalar.
    Folded,
}

/// How the scalar resolves (YAML 1.2 core schema for plain YAML scalars; JSON
/// literals by their grammar; anything quoted is a string).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    String,
    Integer,
    Float,
    Bool,
    Null,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub name: String,
    pub span: Span,
}

/// A CloudFormation intrinsic function call, normalised from any of its forms.
#[derive(Clone, Debug, PartialEq)]
pub struct Intrinsic {
    /// Canonical long name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`, `Fn::If`, ...
    pub function: String,
    /// Where the function name is written: the tag (`!Ref`) or the key (`"Fn::Sub"`).
    pub name_span: Span,
    pub form: IntrinsicForm,
    /// The argument node. For `Fn::GetAtt` written as `A.B.C` this is a synthesised
    /// sequence of two scalars (`A`, `B.C`) whose spans point into the original string.
    pub argument: NodeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntrinsicForm {
    /// YAML tag form: `!Ref X`.
    Short,
    /// Single-key mapping form: `{"Ref": "X"}` / `Ref: X`.
    Long,
}

/// A problem found while parsing: a syntax error or a duplicate key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    pub span: Span,
    pub kind: ProblemKind,
    pub message: String,
    /// For duplicate keys: where the key was first written.
    pub related: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax,
    DuplicateKey,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProblemKind::Syntax => "syntax",
            ProblemKind::DuplicateKey => "duplicate-key",
        })
    }
}
