//! `Fn::ForEach` loops among a resource's properties: each iteration's
//! output keys name properties, whose values are checked against them.

use awsls_grammars::{Entry, NodeId, Span};

use crate::analysis::cfn::for_each::{self, PREFIX};
use crate::schema::Shape;

use super::walker::{Out, Walker};

impl<'a> Walker<'a> {
    /// A mapping of properties with `Fn::ForEach` keys (the language
    /// extensions): its plain properties and what each loop produces are
    /// checked; what is missing or unknown is not judged, as the loops'
    /// names may not all be known.
    pub(super) fn looped_object(&mut self, entries: &'a [Entry], shape: &'a Shape, out: &mut Out) {
        out.uncertain = true;
        for entry in entries {
            if entry.key.text.starts_with(PREFIX) {
                self.property_loop(entry.value, shape, out);
            } else if let Some(property) = shape.property(&entry.key.text) {
                self.path.push(&entry.key.text);
                self.value(entry.value, property, entry.key.span, out);
                self.path.pop();
            }
        }
    }

    /// One loop: `[Identifier, [values], {OutputKey: OutputValue}]` with the
    /// values written out (anything else is not judged here; the loop's
    /// shape is checked with the template's loops).
    pub(super) fn property_loop(&mut self, node: NodeId, shape: &'a Shape, out: &mut Out) {
        let doc = self.doc;
        let Some([id, collection, body]) = doc
            .sequence(node)
            .and_then(|items| <&[NodeId; 3]>::try_from(items).ok())
            .copied()
        else {
            return;
        };
        let (Some(id), Some(values), Some(outputs)) = (
            doc.str_value(id),
            doc.sequence(collection),
            doc.mapping(body),
        ) else {
            return;
        };
        for value in values.iter().filter_map(|v| doc.str_value(*v)) {
            let bindings = [(id.to_string(), Some(value.to_string()))];
            for output in outputs {
                let Some(key) = for_each::substitute(&output.key.text, &bindings) else {
                    continue;
                };
                // The name as the schema spells it, for the path of messages.
                let Some((name, property)) = shape
                    .properties
                    .iter()
                    .find(|(name, _)| **name == *key)
                    .map(|(name, property)| (&**name, property))
                else {
                    continue;
                };
                self.path.push(name);
                self.value(output.value, property, label(output), out);
                self.path.pop();
            }
        }
    }
}

fn label(output: &Entry) -> Span {
    output.key.span
}

#[cfg(test)]
mod tests {
    use crate::analysis::{diagnostics, Snapshot};

    #[test]
    fn properties_a_loop_produces_are_checked() {
        let yaml = "Transform: AWS::LanguageExtensions\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Fn::ForEach::Props:\n        - P\n        - [DelaySeconds, MaximumMessageSize]\n        - '${P}': 10\n";
        let json = r#"{"Transform": "AWS::LanguageExtensions", "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q", "Fn::ForEach::Props": ["P", ["DelaySeconds", "MaximumMessageSize"], {"${P}": 10}]}}}}"#;
        for (name, text) in [("t.yaml", yaml), ("t.json", json)] {
            let found = diagnostics(&Snapshot::from_text(name, text));
            let codes: Vec<&str> = found.iter().map(|f| f.code()).collect();
            assert_eq!(codes, ["out-of-range"], "{name}: {found:#?}");
            assert!(found[0].message.contains("MaximumMessageSize"));
        }
    }
}
