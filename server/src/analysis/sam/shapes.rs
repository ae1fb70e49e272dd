//! Finds the schema shape of a property path inside a SAM resource, going
//! through `$ref`s, array items, combinators and map values, and into the
//! definition of an event's own type under `Events`.

use crate::schema::{AdditionalProperties, ResourceSchema, Shape};

use super::events;

/// Longest path followed (guards against recursive definitions).
const MAX_DEPTH: usize = 32;

/// The property `name` of an object shape, looking through combinators and map values.
pub fn child<'s>(schema: &'s ResourceSchema, shape: &'s Shape, name: &str) -> Option<&'s Shape> {
    let mut shape = schema.resolve(shape);
    while let Some(items) = shape.items.as_deref() {
        shape = schema.resolve(items);
    }
    if let Some(found) = shape.property(name) {
        return Some(found);
    }
    for branch in shape
        .all_of
        .iter()
        .chain(shape.any_of.iter())
        .chain(shape.one_of.iter())
    {
        let branch = schema.resolve(branch);
        if let Some(found) = branch.property(name) {
            return Some(found);
        }
    }
    if let AdditionalProperties::Schema(s) = &shape.additional_properties {
        return Some(s);
    }
    shape.pattern_properties.first().map(|(_, s)| s)
}

/// The shape at `path` below `Properties`. `event_type` names the `Type` of
/// the event when the path goes through `Events.<name>`.
pub fn at<'s>(
    schema: &'s ResourceSchema,
    path: &[&str],
    event_type: Option<&str>,
) -> Option<&'s Shape> {
    if path.len() > MAX_DEPTH {
        return None;
    }
    if let (Some(&"Events"), Some(t), true) = (path.first(), event_type, path.len() >= 2) {
        let event = events::event_type(schema, t)?;
        return walk(schema, event.shape, path.get(2..).unwrap_or_default());
    }
    walk(schema, &schema.root, path)
}

fn walk<'s>(schema: &'s ResourceSchema, start: &'s Shape, path: &[&str]) -> Option<&'s Shape> {
    let mut current = start;
    for name in path {
        current = child(schema, current, name)?;
    }
    Some(current)
}

/// The property names an object shape offers, in schema order.
pub fn property_names<'s>(schema: &'s ResourceSchema, shape: &'s Shape) -> Vec<&'s str> {
    let mut shape = schema.resolve(shape);
    while let Some(items) = shape.items.as_deref() {
        shape = schema.resolve(items);
    }
    let mut names: Vec<&str> = shape.properties.iter().map(|(n, _)| &**n).collect();
    for branch in shape
        .all_of
        .iter()
        .chain(shape.any_of.iter())
        .chain(shape.one_of.iter())
    {
        for (n, _) in schema.resolve(branch).properties.iter() {
            if !names.contains(&&**n) {
                names.push(n);
            }
        }
    }
    names
}

/// True when `name` is required in the object shape.
pub fn is_required(schema: &ResourceSchema, shape: &Shape, name: &str) -> bool {
    let shape = schema.resolve(shape);
    shape.is_required(name)
        || shape
            .all_of
            .iter()
            .any(|b| schema.resolve(b).is_required(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::sam;

    #[test]
    fn paths_through_events_and_definitions() {
        let f = sam::resource("AWS::Serverless::Function").expect("schema");
        assert!(at(f, &["Runtime"], None).is_some());
        let props = at(f, &["Events", "E", "Properties"], Some("S3")).expect("s3 properties");
        let names = property_names(f, props);
        assert!(names.contains(&"Bucket") && names.contains(&"Events"));
        assert!(is_required(f, props, "Bucket"));
        assert!(at(f, &["Events", "E", "Properties", "Queue"], Some("SQS")).is_some());
        assert!(at(f, &["Events", "E", "Properties"], Some("NoSuch")).is_none());
        let dp = at(f, &["DeploymentPreference"], None).expect("dp");
        assert!(property_names(f, dp).contains(&"Hooks"));
    }
}
