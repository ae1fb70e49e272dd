//! The JSON-schema subset used by CloudFormation and SAM resource schemas, as compact typed structs.

use serde::{Deserialize, Deserializer};

/// The JSON types a value may have (`type` keyword), as a small bit set.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeSet(u8);

/// One JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Null,
}

impl JsonType {
    pub const ALL: [JsonType; 7] = [
        JsonType::String,
        JsonType::Integer,
        JsonType::Number,
        JsonType::Boolean,
        JsonType::Object,
        JsonType::Array,
        JsonType::Null,
    ];

    /// The keyword spelling (`"string"`, `"integer"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }

    pub fn parse(s: &str) -> Option<JsonType> {
        JsonType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl TypeSet {
    /// True when the schema states no type at all (anything goes).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, t: JsonType) -> bool {
        self.0 & t.bit() != 0
    }

    pub fn insert(&mut self, t: JsonType) {
        self.0 |= t.bit();
    }

    /// The types in a fixed order.
    pub fn iter(self) -> impl Iterator<Item = JsonType> {
        JsonType::ALL.into_iter().filter(move |t| self.contains(*t))
    }
}

impl<'de> Deserialize<'de> for TypeSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<Box<str>>::deserialize(d)?;
        let mut set = TypeSet::default();
        names
            .iter()
            .filter_map(|n| JsonType::parse(n))
            .for_each(|t| set.insert(t));
        Ok(set)
    }
}

/// A scalar literal from `enum`, `const` or `default` (objects and arrays are kept as JSON text).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Number(f64),
    String(Box<str>),
    Null,
}

impl Literal {
    /// The value as a template author would write it (strings unquoted).
    pub fn to_text(&self) -> String {
        match self {
            Literal::Bool(b) => b.to_string(),
            Literal::Number(n) => n.to_string(),
            Literal::String(s) => s.to_string(),
            Literal::Null => "null".into(),
        }
    }
}

/// The `additionalProperties` keyword.
#[derive(Debug, Default)]
pub enum AdditionalProperties {
    /// Absent or `true`.
    #[default]
    Allowed,
    /// `false`: only declared (or pattern) properties are valid.
    Forbidden,
    /// Every extra property must match this shape.
    Schema(Box<Shape>),
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Schema(Box<Shape>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Bool(true) => AdditionalProperties::Allowed,
            Raw::Bool(false) => AdditionalProperties::Forbidden,
            Raw::Schema(s) => AdditionalProperties::Schema(s),
        })
    }
}

/// A name paired with a list of property names (`dependentRequired`, `dependentExcluded`).
pub type NameList = (Box<str>, Box<[Box<str>]>);

/// One schema node. Absent keywords are empty/None. `reference` holds the bare
/// definition name of a `$ref: #/definitions/Name`; resolve it with
/// `ResourceSchema::resolve`. `pattern`s are ECMAScript regexes: callers compile
/// them lazily and skip any the `regex` crate rejects.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub types: TypeSet,
    pub description: Option<Box<str>>,
    #[serde(rename = "ref")]
    pub reference: Option<Box<str>>,
    /// Declared properties in schema order.
    pub properties: Box<[(Box<str>, Shape)]>,
    pub required: Box<[Box<str>]>,
    #[serde(rename = "enum")]
    pub enum_values: Box<[Literal]>,
    pub pattern: Option<Box<str>>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub items: Option<Box<Shape>>,
    pub additional_properties: AdditionalProperties,
    pub pattern_properties: Box<[(Box<str>, Shape)]>,
    pub one_of: Box<[Shape]>,
    pub any_of: Box<[Shape]>,
    pub all_of: Box<[Shape]>,
    /// `dependentRequired` and the array form of `dependencies`: if the key is present, these are required.
    pub dependent_required: Box<[NameList]>,
    /// Keywords that few schemas use.
    #[serde(rename = "x")]
    pub extra: Option<Box<ShapeExtra>>,
}

/// Rarely used keywords, kept out of line to keep [`Shape`] small.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ShapeExtra {
    pub not: Option<Box<Shape>>,
    #[serde(rename = "if")]
    pub if_: Option<Box<Shape>>,
    pub then: Option<Box<Shape>>,
    #[serde(rename = "else")]
    pub else_: Option<Box<Shape>>,
    #[serde(rename = "const")]
    pub const_value: Option<Literal>,
    pub default: Option<Literal>,
    pub format: Option<Box<str>>,
    pub multiple_of: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// cfn-lint extension: exactly one of these properties must be present.
    pub required_xor: Box<[Box<str>]>,
    /// cfn-lint extension: at least one of these properties must be present.
    pub required_or: Box<[Box<str>]>,
    /// cfn-lint extension: if the key is present, none of these may be.
    pub dependent_excluded: Box<[NameList]>,
    /// cfn-lint extension: allowed values compared case-insensitively.
    pub enum_case_insensitive: Box<[Literal]>,
    pub prefix_items: Box<[Shape]>,
    /// The schema form of `dependencies`: if the key is present, the object must match.
    pub dependent_schemas: Box<[(Box<str>, Shape)]>,
}

impl Shape {
    /// The declared property with this exact name.
    pub fn property(&self, name: &str) -> Option<&Shape> {
        self.properties
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, s)| s)
    }

    /// The rarely used keywords (all empty when the schema has none).
    pub fn extra(&self) -> &ShapeExtra {
        static EMPTY: std::sync::OnceLock<ShapeExtra> = std::sync::OnceLock::new();
        match self.extra.as_deref() {
            Some(extra) => extra,
            None => EMPTY.get_or_init(ShapeExtra::default),
        }
    }

    /// True when `name` is listed in `required`.
    pub fn is_required(&self, name: &str) -> bool {
        self.required.iter().any(|r| &**r == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_compact_shape() {
        let json = r#"{"type":["string","null"],"enum":["a",1,true],"minLength":1,
            "properties":[["B",{"ref":"Def"}]],"additionalProperties":false,
            "x":{"requiredXor":["A","B"]}}"#;
        let shape: Shape = serde_json::from_str(json).unwrap();
        assert!(shape.types.contains(JsonType::String));
        assert!(shape.types.contains(JsonType::Null));
        assert!(!shape.types.contains(JsonType::Object));
        assert_eq!(shape.enum_values.len(), 3);
        assert_eq!(shape.enum_values[1], Literal::Number(1.0));
        assert_eq!(shape.min_length, Some(1));
        assert_eq!(
            shape.property("B").and_then(|s| s.reference.as_deref()),
            Some("Def")
        );
        assert!(matches!(
            shape.additional_properties,
            AdditionalProperties::Forbidden
        ));
        assert_eq!(shape.extra().required_xor.len(), 2);
        assert!(Shape::default().extra().required_or.is_empty());
    }

    #[test]
    fn additional_properties_schema_form() {
        let shape: Shape =
            serde_json::from_str(r#"{"additionalProperties":{"type":["integer"]}}"#).unwrap();
        match shape.additional_properties {
            AdditionalProperties::Schema(s) => assert!(s.types.contains(JsonType::Integer)),
            other => panic!("unexpected {other:?}"),
        }
    }
}
