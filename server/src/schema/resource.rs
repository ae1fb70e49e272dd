//! A decoded CloudFormation or SAM resource schema: root shape, definitions, attributes, property lists.

use serde::Deserialize;

use super::blob::Pack;
use super::shape::{Shape, TypeSet};

/// One `Fn::GetAtt` attribute: the `readOnlyProperties` (array paths excluded),
/// plus the properties cfn-lint records as readable for some types.
#[derive(Debug, Deserialize)]
pub struct Attribute {
    /// Dotted name, e.g. `Arn` or `Endpoint.Address`. A name ending in `*` is a
    /// prefix pattern: `Outputs.*` (stack outputs) or `*` (custom resources).
    pub name: Box<str>,
    pub types: TypeSet,
    pub description: Box<str>,
}

/// A resource type's schema.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceSchema {
    pub type_name: Box<str>,
    #[serde(default)]
    pub description: Box<str>,
    /// The type's reference page (may be empty for non-AWS types).
    #[serde(default)]
    pub documentation_url: Box<str>,
    /// The `Properties` object: properties, required, oneOf/anyOf/allOf, requiredXor, ...
    pub root: Shape,
    /// Definitions sorted by name; look up with [`ResourceSchema::definition`].
    #[serde(default)]
    pub definitions: Box<[(Box<str>, Shape)]>,
    #[serde(default)]
    pub attributes: Box<[Attribute]>,
    /// JSON pointers such as `/properties/Endpoint/Address`.
    #[serde(default)]
    pub read_only: Box<[Box<str>]>,
    /// Changing these requires replacement.
    #[serde(default)]
    pub create_only: Box<[Box<str>]>,
    /// Changing these may require replacement.
    #[serde(default)]
    pub conditional_create_only: Box<[Box<str>]>,
    #[serde(default)]
    pub write_only: Box<[Box<str>]>,
    #[serde(default)]
    pub deprecated: Box<[Box<str>]>,
    #[serde(default)]
    pub primary_identifier: Box<[Box<str>]>,
}

/// Longest `$ref` chain followed before giving up (guards against cycles).
const MAX_REF_HOPS: usize = 32;

fn pointer_matches(pointer: &str, path: &[&str]) -> bool {
    let Some(rest) = pointer.strip_prefix("/properties") else {
        return false;
    };
    let mut parts = rest.split('/').skip(1);
    path.iter().all(|p| parts.next() == Some(*p)) && parts.next().is_none()
}

impl ResourceSchema {
    /// Decodes entry `index` of a resource pack.
    pub(crate) fn decode(pack: &Pack, index: usize) -> Option<ResourceSchema> {
        let mut schema: ResourceSchema = pack.decode(index).ok()?;
        let mut defs = std::mem::take(&mut schema.definitions).into_vec();
        defs.sort_by(|a, b| a.0.cmp(&b.0));
        schema.definitions = defs.into_boxed_slice();
        Some(schema)
    }

    /// The definition with this exact name.
    pub fn definition(&self, name: &str) -> Option<&Shape> {
        let i = self
            .definitions
            .binary_search_by(|(n, _)| (**n).cmp(name))
            .ok()?;
        self.definitions.get(i).map(|(_, s)| s)
    }

    /// Follows `$ref`s to the shape that holds the content. A dangling or
    /// cyclic reference stops at the last shape reached.
    pub fn resolve<'a>(&'a self, shape: &'a Shape) -> &'a Shape {
        let mut current = shape;
        for _ in 0..MAX_REF_HOPS {
            match current
                .reference
                .as_deref()
                .and_then(|r| self.definition(r))
            {
                Some(next) => current = next,
                None => return current,
            }
        }
        current
    }

    /// The top-level property with this exact name (not resolved).
    pub fn property(&self, name: &str) -> Option<&Shape> {
        self.root.property(name)
    }

    /// Walks a property path (`["Endpoint", "Address"]`) through `$ref`s and
    /// array `items`, returning the resolved shape.
    pub fn property_at(&self, path: &[&str]) -> Option<&Shape> {
        let mut current = &self.root;
        for name in path {
            let mut container = self.resolve(current);
            while let Some(items) = container.items.as_deref() {
                container = self.resolve(items);
            }
            current = container.property(name)?;
        }
        Some(self.resolve(current))
    }

    /// The `Fn::GetAtt` attribute for this dotted name: an exact match, else a
    /// prefix pattern (`Outputs.*`, `*`) that covers it.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|a| &*a.name == name)
            .or_else(|| {
                self.attributes.iter().find(|a| {
                    a.name
                        .strip_suffix('*')
                        .is_some_and(|prefix| name.len() > prefix.len() && name.starts_with(prefix))
                })
            })
    }

    /// True when changing the property at `path` requires replacement.
    pub fn is_create_only(&self, path: &[&str]) -> bool {
        self.create_only.iter().any(|p| pointer_matches(p, path))
    }

    pub fn is_read_only(&self, path: &[&str]) -> bool {
        self.read_only.iter().any(|p| pointer_matches(p, path))
    }

    pub fn is_write_only(&self, path: &[&str]) -> bool {
        self.write_only.iter().any(|p| pointer_matches(p, path))
    }

    pub fn is_deprecated(&self, path: &[&str]) -> bool {
        self.deprecated.iter().any(|p| pointer_matches(p, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_matching_is_exact() {
        assert!(pointer_matches("/properties/A/B", &["A", "B"]));
        assert!(!pointer_matches("/properties/A/B", &["A"]));
        assert!(!pointer_matches("/properties/A", &["A", "B"]));
        assert!(!pointer_matches("/definitions/A", &["A"]));
    }

    #[test]
    fn resolve_stops_on_cycles() {
        let json = r#"{"typeName":"X::Y::Z","root":{"properties":[["P",{"ref":"A"}]]},
            "definitions":[["A",{"ref":"B"}],["B",{"ref":"A"}]]}"#;
        let schema: ResourceSchema = serde_json::from_str(json).unwrap();
        let p = schema.property("P").unwrap();
        let end = schema.resolve(p);
        assert!(end.reference.is_some());
    }
}
