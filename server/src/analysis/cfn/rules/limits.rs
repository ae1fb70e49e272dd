//! CloudFormation quotas a template must respect ("CloudFormation quotas" in
//! the CloudFormation User Guide): 500 resources, 200 parameters, 200
//! outputs, 200 mappings, 1 MB template body (from S3), 255-character logical IDs.

use crate::analysis::rules::Rule;
use awsls_grammars::Span;

use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub const MAX_RESOURCES: usize = 500;
pub const MAX_PARAMETERS: usize = 200;
pub const MAX_OUTPUTS: usize = 200;
pub const MAX_MAPPINGS: usize = 200;
pub const MAX_TEMPLATE_BYTES: usize = 1_048_576;
pub const MAX_LOGICAL_ID: usize = 255;

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let t = ctx.template;
    let counts = [
        ("Resources", "resources", t.resources.len(), MAX_RESOURCES),
        (
            "Parameters",
            "parameters",
            t.parameters.len(),
            MAX_PARAMETERS,
        ),
        ("Outputs", "outputs", t.outputs.len(), MAX_OUTPUTS),
        ("Mappings", "mappings", t.mappings.len(), MAX_MAPPINGS),
    ];
    for (section, what, count, max) in counts {
        if count <= max {
            continue;
        }
        if let Some(entry) = ctx.doc.entry(ctx.root, section) {
            findings.push(finding(Rule::LimitExceeded,
                entry.key.span,
                format!("the template declares {count} {what}; CloudFormation allows at most {max}: split it into nested stacks"),
            ));
        }
    }
    let size = ctx.snapshot.text.len_bytes();
    if size > MAX_TEMPLATE_BYTES {
        let first_line = ctx.snapshot.text.line(0).len_bytes();
        findings.push(finding(Rule::LimitExceeded,
            Span::new(0, first_line.min(size)),
            format!("the template is {size} bytes; CloudFormation accepts at most {MAX_TEMPLATE_BYTES} bytes (1 MB, uploaded to S3)"),
        ));
    }
    let declarations = t
        .parameters
        .iter()
        .chain(t.resources.iter().map(|r| &r.decl))
        .chain(&t.outputs)
        .chain(&t.mappings)
        .chain(&t.conditions);
    for d in declarations {
        let len = d.name.chars().count();
        if len > MAX_LOGICAL_ID {
            findings.push(finding(Rule::LimitExceeded,
                d.name_span,
                format!("this name is {len} characters long; CloudFormation allows at most {MAX_LOGICAL_ID}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn too_many_resources_and_long_names() {
        let mut text = String::from("Resources:\n");
        for i in 0..501 {
            text.push_str(&format!("  T{i}:\n    Type: AWS::SNS::Topic\n"));
        }
        let findings = run(&text);
        let f = only(&findings, "limit-exceeded");
        assert_eq!(f.span, span_of(&text, "Resources", 0));
        assert!(f.message.contains("501 resources") && f.message.contains("at most 500"));
        let long = "A".repeat(256);
        let text = format!("Resources:\n  {long}:\n    Type: AWS::SNS::Topic\n");
        assert!(only(&run(&text), "limit-exceeded")
            .message
            .contains("256 characters"));
    }

    #[test]
    fn template_size() {
        let text = format!(
            "Description: {}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n# {}\n",
            "x",
            "y".repeat(1_048_576)
        );
        let findings = run(&text);
        assert!(only(&findings, "limit-exceeded")
            .message
            .contains("1048576"));
    }
}
