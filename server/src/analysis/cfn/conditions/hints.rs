//! The hints shown after each resource and output with a `Condition`: "only
//! when IsProd", with the condition in words; plain data with byte offsets.

use crate::analysis::cfn::template::condition_attribute;
use crate::analysis::Snapshot;

use super::words::describe;

/// One hint: where it goes (the end of the declaration's first line), its
/// label and its longer explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionHint {
    pub offset: usize,
    /// Where the declaration's name is written, for clients that show code
    /// lenses instead.
    pub name_start: usize,
    pub label: String,
    pub tooltip: String,
}

/// The hints of a template, in document order.
pub fn hints(snapshot: &Snapshot) -> Vec<ConditionHint> {
    let template = snapshot.template();
    if template.conditions.is_empty() {
        return Vec::new();
    }
    let doc = &snapshot.document;
    let model = snapshot.conditions();
    let rope = &snapshot.text;
    let len = rope.len_bytes();
    let mut out = Vec::new();
    let declarations = template
        .resources
        .iter()
        .map(|r| &r.decl)
        .chain(template.outputs.iter());
    for decl in declarations {
        let Some(Some(name)) = condition_attribute(doc, decl.node) else {
            continue;
        };
        let Some(expr) = model.expr(name) else {
            continue;
        };
        // The end of the line the name is on, before its line break.
        let line = rope.byte_to_line(decl.name_span.end.min(len));
        let mut offset = if line + 1 < rope.len_lines() {
            rope.line_to_byte(line + 1)
        } else {
            len
        };
        while offset > decl.name_span.end && matches!(rope.byte(offset - 1), b'\n' | b'\r') {
            offset -= 1;
        }
        let mut tooltip = format!(
            "`{}` exists only when `{name}` is true: {}",
            decl.name,
            describe(expr)
        );
        if let Some(f) = model.condition(name) {
            if !model.possible(f) {
                tooltip.push_str(" (never, whatever the parameter values)");
            }
        }
        out.push(ConditionHint {
            offset,
            name_start: decl.name_span.start,
            label: format!("only when {name}"),
            tooltip,
        });
    }
    out.sort_by_key(|h| h.offset);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_conditional_declaration_gets_a_hint_at_the_end_of_its_line() {
        let text = "Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Topic: # alerts\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n  Queue:\n    Type: AWS::SQS::Queue\nOutputs:\n  Arn:\n    Condition: IsProd\n    Value: !Ref Topic\n";
        let snapshot = Snapshot::from_text("t.yaml", text);
        let found = hints(&snapshot);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].offset,
            text.find("# alerts").map(|i| i + 8).unwrap_or(0)
        );
        assert_eq!(found[0].label, "only when IsProd");
        assert!(
            found[0].tooltip.contains("`Env` is `prod`"),
            "{}",
            found[0].tooltip
        );
        assert_eq!(
            found[1].offset,
            text.find("  Arn:").map(|i| i + 6).unwrap_or(0)
        );
    }

    #[test]
    fn json_templates_get_them_too() {
        let text = "{\"Conditions\": {\"C\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"eu-west-1\"]}},\n \"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\", \"Condition\": \"C\"}}}\n";
        let snapshot = Snapshot::from_text("t.json", text);
        let found = hints(&snapshot);
        assert_eq!(found.len(), 1);
        assert!(found[0].tooltip.contains("`AWS::Region` is `eu-west-1`"));
    }
}
