//! CodePipeline pipelines: source actions in the first stage only, artifacts
//! consumed after they are produced, artifact counts by action type, and
//! CloudFormation template paths that name an input artifact.

use std::collections::HashSet;

use awsls_grammars::{NodeId, Span};

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const CODEPIPELINE_SOURCE_STAGE: RuleDef = RuleDef {
        code: "codepipeline-source-stage",
        family: Family::CloudFormation,
        group: "CodePipeline",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3700"],
        fix: false,
        summary: "A source action outside the first stage, or another action in it",
        explanation: "A pipeline starts from its sources: the first stage holds only `Source` actions, and no later stage may hold one. CodePipeline rejects the pipeline otherwise, and the stack fails when it creates it.",
        example: "a `Build` action in the first stage",
    };

    pub const CODEPIPELINE_ARTIFACT_NAMES: RuleDef = RuleDef {
        code: "codepipeline-artifact-names",
        family: Family::CloudFormation,
        group: "CodePipeline",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3701"],
        fix: false,
        summary: "An input artifact no earlier action produces, or an output artifact name used twice",
        explanation: "Actions pass files along as named artifacts: an action's `InputArtifacts` must each be the output of an action before it, and each `OutputArtifacts` name must be unique in the pipeline. CodePipeline rejects the pipeline otherwise, and the stack fails when it creates it.",
        example: "`InputArtifacts: [{Name: BuildOutput}]` when no action outputs `BuildOutput`",
    };

    pub const CODEPIPELINE_ARTIFACT_COUNT: RuleDef = RuleDef {
        code: "codepipeline-artifact-count",
        family: Family::CloudFormation,
        group: "CodePipeline",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3702"],
        fix: false,
        summary: "An action with more or fewer input or output artifacts than its type allows",
        explanation: "Each action type takes a fixed number of artifacts: a source action none in and exactly one out, a CodeBuild action one to five in, a manual approval none at all, an S3 or ECS deploy exactly one in, and so on. CodePipeline rejects the pipeline otherwise, and the stack fails when it creates it.",
        example: "an S3 source action without `OutputArtifacts`",
    };

    pub const CODEPIPELINE_TEMPLATE_ARTIFACT: RuleDef = RuleDef {
        code: "codepipeline-template-artifact",
        family: Family::CloudFormation,
        group: "CodePipeline",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3703"],
        fix: false,
        summary: "A CloudFormation action whose `TemplatePath` names an artifact it does not take as input",
        explanation: "A CloudFormation deploy action reads its template from one of its input artifacts: `TemplatePath` is `ArtifactName::path/in/artifact`, and the artifact must be listed in the action's `InputArtifacts`. Otherwise the action cannot find the template and fails when the pipeline runs.",
        example: "`TemplatePath: Build::template.yaml` with `InputArtifacts: [{Name: Source}]`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CodePipeline::Pipeline"],
    check: pipeline,
}];

/// The number of input and output artifacts an action type takes: owner,
/// category, provider, inputs (min, max), outputs (min, max).
type Bounds = (
    &'static str,
    &'static str,
    &'static str,
    (usize, usize),
    (usize, usize),
);

const ARTIFACT_BOUNDS: &[Bounds] = &[
    ("AWS", "Source", "S3", (0, 0), (1, 1)),
    ("AWS", "Source", "CodeCommit", (0, 0), (1, 1)),
    ("AWS", "Source", "ECR", (0, 0), (1, 1)),
    ("AWS", "Build", "CodeBuild", (1, 5), (0, 5)),
    ("AWS", "Test", "CodeBuild", (1, 5), (0, 5)),
    ("AWS", "Test", "DeviceFarm", (1, 1), (0, 0)),
    ("AWS", "Approval", "Manual", (0, 0), (0, 0)),
    ("AWS", "Deploy", "S3", (1, 1), (0, 0)),
    ("AWS", "Deploy", "CloudFormation", (0, 10), (0, 1)),
    ("AWS", "Deploy", "CodeDeploy", (1, 1), (0, 0)),
    ("AWS", "Deploy", "ElasticBeanstalk", (1, 1), (0, 0)),
    ("AWS", "Deploy", "OpsWorks", (1, 1), (0, 0)),
    ("AWS", "Deploy", "ECS", (1, 1), (0, 0)),
    ("AWS", "Deploy", "ServiceCatalog", (1, 1), (0, 0)),
    ("AWS", "Invoke", "Lambda", (0, 5), (0, 5)),
    ("ThirdParty", "Deploy", "AlexaSkillsKit", (1, 2), (0, 0)),
    ("Custom", "Build", "Jenkins", (0, 5), (0, 5)),
    ("Custom", "Test", "Jenkins", (0, 5), (0, 5)),
];

/// One action of the pipeline, as far as it is written literally.
struct Action {
    node: NodeId,
    owner: Option<String>,
    category: Option<(String, Span)>,
    provider: Option<String>,
}

fn pipeline(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(stages) = ctx.property("Stages").and_then(|s| doc.sequence(s)) else {
        return;
    };
    // Stages in order; `None` for a stage not written as a mapping.
    let stages: Vec<Option<Vec<Action>>> = stages
        .iter()
        .map(|stage| {
            doc.mapping(*stage)?;
            let actions = doc.sequence(doc.get(*stage, "Actions")?)?;
            Some(actions.iter().filter_map(|a| action(ctx, *a)).collect())
        })
        .collect();
    source_stage(&stages, findings);
    artifact_names(ctx, &stages, findings);
    for action in stages.iter().flatten().flatten() {
        artifact_count(ctx, action, findings);
        template_artifact(ctx, action, findings);
    }
}

fn action(ctx: &ResourceCtx, node: NodeId) -> Option<Action> {
    let doc = ctx.doc;
    doc.mapping(node)?;
    let type_id = doc
        .get(node, "ActionTypeId")
        .filter(|t| doc.mapping(*t).is_some());
    let field = |name: &str| type_id.and_then(|t| ctx.literal(doc.get(t, name)));
    let category = type_id.and_then(|t| doc.get(t, "Category")).and_then(|c| {
        ctx.literal(Some(c))
            .map(|text| (text.to_string(), doc.node(c).span))
    });
    Some(Action {
        node,
        owner: field("Owner").map(str::to_string),
        category,
        provider: field("Provider").map(str::to_string),
    })
}

fn source_stage(stages: &[Option<Vec<Action>>], findings: &mut Vec<Finding>) {
    for (index, stage) in stages.iter().enumerate() {
        // A stage not understood makes the position of the others unsure.
        let Some(actions) = stage else {
            return;
        };
        for action in actions {
            let Some((category, span)) = &action.category else {
                continue;
            };
            let source = category == "Source";
            if index == 0 && !source {
                findings.push(Finding::new(
                    Rule::CodepipelineSourceStage,
                    *span,
                    format!("the first stage of a pipeline holds only `Source` actions, not `{category}`"),
                ));
            } else if index > 0 && source {
                findings.push(Finding::new(
                    Rule::CodepipelineSourceStage,
                    *span,
                    "`Source` actions belong in the first stage of the pipeline only",
                ));
            }
        }
    }
}

/// The artifact names of an action's `InputArtifacts` or `OutputArtifacts`:
/// each literal name and its span, and whether every name is literal.
fn artifacts<'a>(ctx: &ResourceCtx<'a>, action: NodeId, key: &str) -> (Vec<(&'a str, Span)>, bool) {
    let doc = ctx.doc;
    let Some(list) = doc.get(action, key) else {
        return (Vec::new(), true);
    };
    let Some(items) = doc.sequence(list) else {
        return (Vec::new(), false);
    };
    let mut names = Vec::new();
    let mut complete = true;
    for item in items {
        let name = doc
            .mapping(*item)
            .and_then(|_| doc.get(*item, "Name"))
            .map(|n| ctx.values(n));
        match name.as_deref() {
            Some([Value::Literal { text, span, .. }]) => names.push((*text, *span)),
            _ => complete = false,
        }
    }
    (names, complete)
}

fn artifact_names(ctx: &ResourceCtx, stages: &[Option<Vec<Action>>], findings: &mut Vec<Finding>) {
    // An input can only be judged missing when every output is known.
    let outputs_known = stages.iter().all(|stage| {
        stage.as_ref().is_some_and(|actions| {
            actions
                .iter()
                .all(|a| artifacts(ctx, a.node, "OutputArtifacts").1)
        })
    });
    let mut produced: HashSet<&str> = HashSet::new();
    for action in stages.iter().flatten().flatten() {
        if outputs_known {
            for (name, span) in artifacts(ctx, action.node, "InputArtifacts").0 {
                if !produced.contains(name) {
                    findings.push(Finding::new(
                        Rule::CodepipelineArtifactNames,
                        span,
                        format!(
                            "no earlier action of the pipeline outputs an artifact named `{name}`"
                        ),
                    ));
                }
            }
        }
        for (name, span) in artifacts(ctx, action.node, "OutputArtifacts").0 {
            if !produced.insert(name) {
                findings.push(Finding::new(
                    Rule::CodepipelineArtifactNames,
                    span,
                    format!("an earlier action already outputs an artifact named `{name}`: output artifact names are unique in a pipeline"),
                ));
            }
        }
    }
}

fn artifact_count(ctx: &ResourceCtx, action: &Action, findings: &mut Vec<Finding>) {
    let (Some(owner), Some((category, _)), Some(provider)) =
        (&action.owner, &action.category, &action.provider)
    else {
        return;
    };
    let Some((_, _, _, inputs, outputs)) = ARTIFACT_BOUNDS
        .iter()
        .find(|(o, c, p, _, _)| o == owner && c == category && p == provider)
    else {
        return;
    };
    let doc = ctx.doc;
    for (key, (min, max)) in [("InputArtifacts", inputs), ("OutputArtifacts", outputs)] {
        let (count, span) = match doc.entry(action.node, key) {
            None => (0, doc.node(action.node).span),
            Some(entry) => {
                let Some(items) = doc.sequence(entry.value) else {
                    continue;
                };
                // A conditional item leaves the count unsure.
                if items.iter().any(|i| doc.intrinsic(*i).is_some()) {
                    continue;
                }
                (items.len(), entry.key.span)
            }
        };
        if count < *min || count > *max {
            let allowed = if min == max {
                format!("exactly {min}")
            } else {
                format!("{min} to {max}")
            };
            findings.push(Finding::new(
                Rule::CodepipelineArtifactCount,
                span,
                format!("an action of type `{category}` from provider `{provider}` takes {allowed} `{key}`, not {count}"),
            ));
        }
    }
}

fn template_artifact(ctx: &ResourceCtx, action: &Action, findings: &mut Vec<Finding>) {
    if !matches!(
        action.provider.as_deref(),
        Some("CloudFormation" | "CloudFormationStackSet")
    ) {
        return;
    }
    let doc = ctx.doc;
    let Some(path) = doc
        .get(action.node, "Configuration")
        .and_then(|c| doc.entry(c, "TemplatePath"))
    else {
        return;
    };
    let Some(text) = ctx.literal(Some(path.value)) else {
        return;
    };
    if text.contains("${") || text.starts_with("{{resolve:") {
        return;
    }
    let (inputs, complete) = artifacts(ctx, action.node, "InputArtifacts");
    if !complete {
        return;
    }
    let artifact = text.split_once("::").map_or(text, |(name, _)| name);
    if inputs.iter().any(|(name, _)| *name == artifact) {
        return;
    }
    findings.push(Finding::new(
        Rule::CodepipelineTemplateArtifact,
        path.key.span,
        format!("`TemplatePath` reads the template from the artifact `{artifact}`, which is not among the action's `InputArtifacts` (write it as `ArtifactName::path`)"),
    ));
}
