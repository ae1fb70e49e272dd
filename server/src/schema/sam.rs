//! SAM (`AWS::Serverless::*`) resource schemas, property documentation and policy templates.

use std::sync::OnceLock;

use serde::Deserialize;

use super::blob;
use super::lazy_pack::LazyPack;
use super::resource::ResourceSchema;

static PACK: LazyPack<ResourceSchema> = LazyPack::new(
    include_bytes!("../../data/sam.pack"),
    ResourceSchema::decode,
);
static DOCS: &[u8] = include_bytes!("../../data/sam-docs.json.z");
static TEMPLATES: &[u8] = include_bytes!("../../data/sam-policy-templates.json.z");

/// All SAM resource type names, sorted.
pub fn type_names() -> &'static [Box<str>] {
    PACK.names()
}

/// The schema of a SAM resource type (exact name), decoded on first use.
pub fn resource(type_name: &str) -> Option<&'static ResourceSchema> {
    PACK.get(type_name)
}

/// One documentation page: property name to Markdown text, sorted by name.
type DocPage = (Box<str>, Vec<(Box<str>, Box<str>)>);

fn doc_pages() -> &'static [DocPage] {
    static PAGES: OnceLock<Vec<DocPage>> = OnceLock::new();
    PAGES.get_or_init(|| blob::decode_json(DOCS).unwrap_or_default())
}

fn page_entry(page: &str, property: &str) -> Option<&'static str> {
    let pages = doc_pages();
    let (_, props) = pages
        .binary_search_by(|(p, _)| (**p).cmp(page))
        .ok()
        .and_then(|i| pages.get(i))?;
    props
        .binary_search_by(|(p, _)| (**p).cmp(property))
        .ok()
        .and_then(|i| props.get(i))
        .map(|(_, doc)| &**doc)
}

/// The Markdown documentation of the property at `path` of a SAM resource
/// (`["Runtime"]`, `["Events", "MyEvent", "Properties", "Bucket"]`, ...).
/// Nested properties are found through the definition that holds them, then
/// through any page of the same resource that documents that name.
pub fn property_doc(type_name: &str, path: &[&str]) -> Option<&'static str> {
    let short = type_name
        .strip_prefix("AWS::Serverless::")?
        .to_ascii_lowercase();
    let (last, parents) = path.split_last()?;
    if parents.is_empty() {
        return page_entry(&format!("sam-resource-{short}"), last);
    }
    if let Some(schema) = resource(type_name) {
        let mut current = &schema.root;
        let mut holder: Option<&str> = None;
        for name in parents {
            let resolved = schema.resolve(current);
            let next = resolved
                .property(name)
                .or_else(|| resolved.pattern_properties.first().map(|(_, s)| s));
            let Some(next) = next else { break };
            current = next;
            if let Some(r) = current.reference.as_deref() {
                holder = Some(r);
            }
        }
        if let Some(def) = holder {
            let page = format!("sam-property-{short}-{}", def.to_ascii_lowercase());
            if let Some(doc) = page_entry(&page, last) {
                return Some(doc);
            }
        }
    }
    let prefix = format!("sam-property-{short}-");
    doc_pages()
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .find_map(|(p, _)| page_entry(p, last))
}

/// A SAM policy template such as `S3ReadPolicy`.
#[derive(Debug, Deserialize)]
pub struct PolicyTemplate {
    pub name: Box<str>,
    pub description: Box<str>,
    /// Parameter names, sorted.
    pub parameters: Box<[Box<str>]>,
}

fn templates() -> &'static [PolicyTemplate] {
    static ALL: OnceLock<Vec<PolicyTemplate>> = OnceLock::new();
    ALL.get_or_init(|| blob::decode_json(TEMPLATES).unwrap_or_default())
}

/// The policy template with this exact name.
pub fn policy_template(name: &str) -> Option<&'static PolicyTemplate> {
    let all = templates();
    all.binary_search_by(|t| (*t.name).cmp(name))
        .ok()
        .and_then(|i| all.get(i))
}

/// All policy template names, sorted.
pub fn policy_template_names() -> impl Iterator<Item = &'static str> {
    templates().iter().map(|t| &*t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serverless_function_exists() {
        assert!(type_names()
            .iter()
            .any(|n| &**n == "AWS::Serverless::Function"));
        let f = resource("AWS::Serverless::Function").expect("function schema");
        assert!(f.property("Runtime").is_some());
        assert!(f.property("Events").is_some());
        assert!(f.documentation_url.ends_with("sam-resource-function.html"));
        assert!(type_names().iter().all(|n| resource(n).is_some()));
    }

    #[test]
    fn property_docs() {
        let doc = property_doc("AWS::Serverless::Function", &["Runtime"]).expect("doc");
        assert!(doc.contains("runtime") || doc.contains("Runtime"));
        let nested = property_doc(
            "AWS::Serverless::Api",
            &["Auth", "AddApiKeyRequiredToCorsPreflight"],
        );
        assert!(nested.is_some_and(|d| d.contains("Cors")));
        assert!(property_doc("AWS::Serverless::Function", &["NoSuchProperty"]).is_none());
        assert!(property_doc("AWS::S3::Bucket", &["BucketName"]).is_none());
    }

    #[test]
    fn s3_read_policy_template() {
        let t = policy_template("S3ReadPolicy").expect("template");
        assert!(t.parameters.iter().any(|p| &**p == "BucketName"));
        assert!(!t.description.is_empty());
        assert!(policy_template_names().count() > 50);
        assert!(policy_template("s3readpolicy").is_none());
    }
}
