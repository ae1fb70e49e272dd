//! Generated CloudFormation and SAM templates for benchmarks: a realistic mix
//! of resource types (S3 buckets, SQS queues, SNS topics, DynamoDB tables,
//! IAM roles with inline policies, Lambda or SAM functions) wired together
//! with `Ref`, `GetAtt`, `Sub` and conditions, written as YAML or JSON.

use std::fmt::Write as _;

/// Which kind of template to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    CloudFormation,
    /// A template with the SAM transform and `AWS::Serverless::Function`s.
    Sam,
    /// The CloudFormation resources written as `Fn::ForEach` loops (the
    /// `AWS::LanguageExtensions` transform): each loop is one group of
    /// resources repeated for ten values.
    Loops,
    /// The CloudFormation resources under 200 conditions (nested `Fn::And`,
    /// `Fn::Or` and `Fn::Not` over 100 parameters), each resource with one.
    Conditions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Json,
}

impl Syntax {
    pub fn extension(self) -> &'static str {
        match self {
            Syntax::Yaml => "yaml",
            Syntax::Json => "json",
        }
    }
}

/// One template to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub resources: usize,
    pub flavor: Flavor,
    pub syntax: Syntax,
}

impl Spec {
    pub fn new(resources: usize, flavor: Flavor, syntax: Syntax) -> Spec {
        Spec {
            resources,
            flavor,
            syntax,
        }
    }

    /// A file name saying what the template holds, e.g. `cfn-1000.yaml`.
    pub fn file_name(&self) -> String {
        let flavor = match self.flavor {
            Flavor::CloudFormation => "cfn",
            Flavor::Sam => "sam",
            Flavor::Loops => "loops",
            Flavor::Conditions => "conditions",
        };
        format!("{flavor}-{}.{}", self.resources, self.syntax.extension())
    }

    /// The template text.
    pub fn generate(&self) -> String {
        let template = template(self.resources, self.flavor);
        match self.syntax {
            Syntax::Yaml => {
                let mut out = String::new();
                yaml_block(&template, 0, &mut out);
                out
            }
            Syntax::Json => {
                let mut out = String::new();
                json(&template, 0, &mut out);
                out.push('\n');
                out
            }
        }
    }
}

/// A template value, with intrinsic functions kept apart so YAML can use the
/// short forms (`!Ref`) and JSON the long ones (`{"Ref": ..}`).
#[derive(Clone, Debug)]
pub enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    Map(Vec<(String, Value)>),
    List(Vec<Value>),
    /// A function by its long name (`Ref`, `Fn::GetAtt`, ...) and its argument.
    Fn(&'static str, Box<Value>),
}

fn s(text: impl Into<String>) -> Value {
    Value::Str(text.into())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn reference(name: impl Into<String>) -> Value {
    Value::Fn("Ref", Box::new(s(name)))
}

fn get_att(resource: &str, attribute: &str) -> Value {
    Value::Fn(
        "Fn::GetAtt",
        Box::new(Value::List(vec![s(resource), s(attribute)])),
    )
}

fn sub(text: impl Into<String>) -> Value {
    Value::Fn("Fn::Sub", Box::new(s(text)))
}

fn if_prod(then: Value, otherwise: Value) -> Value {
    Value::Fn(
        "Fn::If",
        Box::new(Value::List(vec![s("IsProd"), then, otherwise])),
    )
}

fn tags(group: usize) -> Value {
    Value::List(vec![
        map(vec![
            ("Key", s("Team")),
            ("Value", s(format!("team-{}", group % 7))),
        ]),
        map(vec![("Key", s("Environment")), ("Value", reference("Env"))]),
    ])
}

/// The resources of one group, in order: ten (CloudFormation) or nine
/// (SAM); the last group may be cut short. About 260 bytes of YAML per
/// resource on average, so 5,000 resources make about 1.3 MB.
fn group(g: usize, flavor: Flavor) -> Vec<(String, Value)> {
    let bucket = format!("Bucket{g}");
    let queue = format!("Queue{g}");
    let topic = format!("Topic{g}");
    let table = format!("Table{g}");
    let role = format!("Role{g}");
    let function = format!("Function{g}");
    let resource = |kind: &str, properties: Vec<(&str, Value)>| {
        map(vec![("Type", s(kind)), ("Properties", map(properties))])
    };
    let mut out = vec![
        (
            bucket.clone(),
            resource(
                "AWS::S3::Bucket",
                vec![
                    ("BucketName", sub(format!("${{AWS::StackName}}-data-{g}"))),
                    (
                        "VersioningConfiguration",
                        map(vec![("Status", if_prod(s("Enabled"), s("Suspended")))]),
                    ),
                    ("Tags", tags(g)),
                ],
            ),
        ),
        (
            queue.clone(),
            resource(
                "AWS::SQS::Queue",
                vec![
                    ("QueueName", sub(format!("${{AWS::StackName}}-jobs-{g}"))),
                    ("VisibilityTimeout", Value::Int(120)),
                ],
            ),
        ),
        (
            format!("DeadLetterQueue{g}"),
            resource(
                "AWS::SQS::Queue",
                vec![("MessageRetentionPeriod", Value::Int(1_209_600))],
            ),
        ),
        (
            topic.clone(),
            resource(
                "AWS::SNS::Topic",
                vec![("TopicName", sub(format!("${{AWS::StackName}}-events-{g}")))],
            ),
        ),
        (
            format!("Subscription{g}"),
            resource(
                "AWS::SNS::Subscription",
                vec![
                    ("TopicArn", reference(&topic)),
                    ("Protocol", s("sqs")),
                    ("Endpoint", get_att(&queue, "Arn")),
                ],
            ),
        ),
        (
            table.clone(),
            resource(
                "AWS::DynamoDB::Table",
                vec![
                    ("BillingMode", s("PAY_PER_REQUEST")),
                    (
                        "PointInTimeRecoverySpecification",
                        map(vec![(
                            "PointInTimeRecoveryEnabled",
                            reference("EnableBackups"),
                        )]),
                    ),
                    (
                        "AttributeDefinitions",
                        Value::List(vec![map(vec![
                            ("AttributeName", s("pk")),
                            ("AttributeType", s("S")),
                        ])]),
                    ),
                    (
                        "KeySchema",
                        Value::List(vec![map(vec![
                            ("AttributeName", s("pk")),
                            ("KeyType", s("HASH")),
                        ])]),
                    ),
                ],
            ),
        ),
        (
            format!("Logs{g}"),
            resource(
                "AWS::Logs::LogGroup",
                vec![
                    ("LogGroupName", sub(format!("/app/${{AWS::StackName}}/{g}"))),
                    ("RetentionInDays", Value::Int(14)),
                ],
            ),
        ),
        (
            format!("QueueUrl{g}"),
            resource(
                "AWS::SSM::Parameter",
                vec![("Type", s("String")), ("Value", reference(&queue))],
            ),
        ),
    ];
    let statements = Value::List(vec![
        map(vec![
            ("Effect", s("Allow")),
            (
                "Action",
                Value::List(vec![s("sqs:SendMessage"), s("sqs:ReceiveMessage")]),
            ),
            ("Resource", get_att(&queue, "Arn")),
        ]),
        map(vec![
            ("Effect", s("Allow")),
            ("Action", s("s3:GetObject")),
            ("Resource", sub(format!("${{{bucket}.Arn}}/*"))),
        ]),
    ]);
    let environment = map(vec![(
        "Variables",
        map(vec![
            ("TABLE_NAME", reference(&table)),
            ("STAGE", reference("Env")),
        ]),
    )]);
    match flavor {
        Flavor::CloudFormation | Flavor::Loops | Flavor::Conditions => {
            out.push((
                role.clone(),
                resource(
                    "AWS::IAM::Role",
                    vec![
                        (
                            "AssumeRolePolicyDocument",
                            map(vec![
                                ("Version", s("2012-10-17")),
                                (
                                    "Statement",
                                    Value::List(vec![map(vec![
                                        ("Effect", s("Allow")),
                                        (
                                            "Principal",
                                            map(vec![("Service", s("lambda.amazonaws.com"))]),
                                        ),
                                        ("Action", s("sts:AssumeRole")),
                                    ])]),
                                ),
                            ]),
                        ),
                        (
                            "Policies",
                            Value::List(vec![map(vec![
                                ("PolicyName", s(format!("access-{g}"))),
                                (
                                    "PolicyDocument",
                                    map(vec![
                                        ("Version", s("2012-10-17")),
                                        ("Statement", statements),
                                    ]),
                                ),
                            ])]),
                        ),
                    ],
                ),
            ));
            out.push((
                function,
                resource(
                    "AWS::Lambda::Function",
                    vec![
                        ("Runtime", s("python3.12")),
                        ("Handler", s("index.handler")),
                        ("Role", get_att(&role, "Arn")),
                        ("MemorySize", if_prod(Value::Int(1024), Value::Int(256))),
                        (
                            "Code",
                            map(vec![(
                                "ZipFile",
                                s("def handler(event, context):\n    return event\n"),
                            )]),
                        ),
                        ("Environment", environment),
                    ],
                ),
            ));
        }
        Flavor::Sam => {
            out.push((
                function,
                resource(
                    "AWS::Serverless::Function",
                    vec![
                        ("Handler", s("app.handler")),
                        ("CodeUri", s("src/")),
                        ("Environment", environment),
                        (
                            "Policies",
                            Value::List(vec![
                                map(vec![(
                                    "DynamoDBCrudPolicy",
                                    map(vec![("TableName", reference(&table))]),
                                )]),
                                map(vec![
                                    ("Version", s("2012-10-17")),
                                    ("Statement", statements),
                                ]),
                            ]),
                        ),
                        (
                            "Events",
                            map(vec![(
                                "FromQueue",
                                map(vec![
                                    ("Type", s("SQS")),
                                    (
                                        "Properties",
                                        map(vec![
                                            ("Queue", get_att(&queue, "Arn")),
                                            ("BatchSize", Value::Int(10)),
                                        ]),
                                    ),
                                ]),
                            )]),
                        ),
                    ],
                ),
            ));
        }
    }
    out
}

/// The values each loop of [`Flavor::Loops`] iterates over.
const LOOP_VALUES: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

/// `value` with every name in `names` made a loop output name (`Queue3` →
/// `Queue3${Item}`): keys, whole strings and `${Queue3.Arn}` in `Fn::Sub`.
fn looped(value: Value, names: &[String]) -> Value {
    let rename = |text: String| -> String {
        if names.contains(&text) {
            return format!("{text}${{Item}}");
        }
        let mut text = text;
        for name in names {
            text = text.replace(&format!("${{{name}."), &format!("${{{name}${{Item}}."));
        }
        text
    };
    match value {
        Value::Str(text) => Value::Str(rename(text)),
        Value::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (rename(k), looped(v, names)))
                .collect(),
        ),
        Value::List(items) => Value::List(items.into_iter().map(|v| looped(v, names)).collect()),
        // References to names of the loop are built with `Fn::Sub`.
        Value::Fn("Ref", argument) => match *argument {
            Value::Str(text) if names.contains(&text) => {
                Value::Fn("Ref", Box::new(sub(format!("{text}${{Item}}"))))
            }
            other => Value::Fn("Ref", Box::new(other)),
        },
        Value::Fn("Fn::GetAtt", argument) => match *argument {
            Value::List(mut items) => {
                if let Some(Value::Str(text)) = items.first() {
                    if names.contains(text) {
                        items[0] = sub(format!("{text}${{Item}}"));
                    }
                }
                Value::Fn("Fn::GetAtt", Box::new(Value::List(items)))
            }
            other => Value::Fn("Fn::GetAtt", Box::new(other)),
        },
        // Names built by `Fn::Sub` differ per iteration.
        Value::Fn("Fn::Sub", argument) => match *argument {
            Value::Str(text) => Value::Fn(
                "Fn::Sub",
                Box::new(Value::Str(format!("{}-${{Item}}", rename(text)))),
            ),
            other => Value::Fn("Fn::Sub", Box::new(looped(other, names))),
        },
        Value::Fn(function, argument) => Value::Fn(function, Box::new(looped(*argument, names))),
        other => other,
    }
}

/// [`Flavor::Loops`]: one loop per group of CloudFormation resources, each
/// expanding to ten copies, `resources` in all.
fn loops(resources: usize) -> (Vec<(String, Value)>, usize) {
    let mut items = Vec::new();
    let mut produced = 0;
    let mut g = 0;
    while produced < resources {
        let mut group_items = group(g, Flavor::CloudFormation);
        let room = (resources - produced).div_ceil(LOOP_VALUES.len());
        group_items.truncate(room.max(1));
        produced += group_items.len() * LOOP_VALUES.len();
        let names: Vec<String> = group_items.iter().map(|(n, _)| n.clone()).collect();
        let body = looped(Value::Map(group_items), &names);
        let collection = Value::List(LOOP_VALUES.iter().map(|v| s(*v)).collect());
        items.push((
            format!("Fn::ForEach::Group{g}"),
            Value::List(vec![s("Item"), collection, body]),
        ));
        g += 1;
    }
    (items, g)
}

/// The whole template with `resources` resources.
pub fn template(resources: usize, flavor: Flavor) -> Value {
    if flavor == Flavor::Loops {
        let (items, groups) = loops(resources);
        let outputs: Vec<(String, Value)> = (0..groups.min(200))
            .map(|i| {
                (
                    format!("Queue{i}Arn"),
                    map(vec![
                        ("Description", s(format!("ARN of queue {i}"))),
                        ("Value", get_att(&format!("Queue{i}a"), "Arn")),
                    ]),
                )
            })
            .collect();
        let mut entries = common_sections(resources, flavor);
        entries.push(("Resources".to_owned(), Value::Map(items)));
        entries.push(("Outputs".to_owned(), Value::Map(outputs)));
        return Value::Map(entries);
    }
    let mut items = Vec::with_capacity(resources);
    let mut g = 0;
    while items.len() < resources {
        for item in group(g, flavor) {
            if items.len() < resources {
                items.push(item);
            }
        }
        g += 1;
    }
    // One output per group, within CloudFormation's limit of 200.
    let has_queue = |i: &usize| {
        let name = format!("Queue{i}");
        items.iter().any(|(n, _)| *n == name)
    };
    let outputs: Vec<(String, Value)> = (0..g.min(200))
        .filter(has_queue)
        .map(|i| {
            (
                format!("Queue{i}Arn"),
                map(vec![
                    ("Description", s(format!("ARN of queue {i}"))),
                    ("Value", get_att(&format!("Queue{i}"), "Arn")),
                    (
                        "Export",
                        map(vec![(
                            "Name",
                            sub(format!("${{AWS::StackName}}-queue-{i}")),
                        )]),
                    ),
                ]),
            )
        })
        .collect();
    let mut entries = common_sections(resources, flavor);
    let mut outputs = outputs;
    if flavor == Flavor::Conditions {
        with_conditions(&mut entries, &mut items, &mut outputs);
    }
    entries.push(("Resources".to_owned(), Value::Map(items)));
    entries.push(("Outputs".to_owned(), Value::Map(outputs)));
    Value::Map(entries)
}

fn equals(a: Value, b: Value) -> Value {
    Value::Fn("Fn::Equals", Box::new(Value::List(vec![a, b])))
}

fn condition(name: String) -> Value {
    Value::Fn("Condition", Box::new(s(name)))
}

/// 100 more parameters (every other one with `AllowedValues`), 200 more
/// conditions (100 comparisons, 100 combinations of earlier ones) and a
/// `Condition` on every resource and output: the same for the ten resources
/// of a group, which refer to each other, so the template is correct.
fn with_conditions(
    entries: &mut [(String, Value)],
    items: &mut [(String, Value)],
    outputs: &mut [(String, Value)],
) {
    for (key, value) in entries.iter_mut() {
        let Value::Map(section) = value else {
            continue;
        };
        if key == "Parameters" {
            for i in 0..100 {
                let mut parameter = vec![("Type", s("String")), ("Default", s("a"))];
                if i % 2 == 0 {
                    parameter.push(("AllowedValues", Value::List(vec![s("a"), s("b"), s("c")])));
                }
                section.push((format!("P{i}"), map(parameter)));
            }
        }
        if key == "Conditions" {
            for i in 0..100 {
                let value = ["a", "b", "c"][i % 3];
                section.push((
                    format!("C{i}"),
                    equals(reference(format!("P{i}")), s(value)),
                ));
            }
            for i in 100..200 {
                let (x, y, z) = (i - 100, (i * 7) % 100, (i * 13 + 5) % 100);
                let both = Value::Fn(
                    "Fn::And",
                    Box::new(Value::List(vec![
                        condition(format!("C{x}")),
                        condition(format!("C{y}")),
                    ])),
                );
                let either = Value::Fn(
                    "Fn::Or",
                    Box::new(Value::List(vec![
                        both,
                        Value::Fn(
                            "Fn::Not",
                            Box::new(Value::List(vec![condition(format!("C{z}"))])),
                        ),
                    ])),
                );
                section.push((format!("C{i}"), either));
            }
        }
    }
    for (i, (_, resource)) in items.iter_mut().enumerate() {
        if let Value::Map(attributes) = resource {
            attributes.insert(
                1,
                ("Condition".to_owned(), s(format!("C{}", (i / 10) % 200))),
            );
        }
    }
    for (i, (_, output)) in outputs.iter_mut().enumerate() {
        if let Value::Map(attributes) = output {
            attributes.insert(0, ("Condition".to_owned(), s(format!("C{}", i % 200))));
        }
    }
}

/// The sections before `Resources`: format version, description, transforms,
/// parameters and conditions.
fn common_sections(resources: usize, flavor: Flavor) -> Vec<(String, Value)> {
    let mut top = vec![
        ("AWSTemplateFormatVersion", s("2010-09-09")),
        (
            "Description",
            s(format!(
                "Generated benchmark template with {resources} resources"
            )),
        ),
    ];
    if flavor == Flavor::Loops {
        top.push(("Transform", s("AWS::LanguageExtensions")));
    }
    if flavor == Flavor::Sam {
        top.push(("Transform", s("AWS::Serverless-2016-10-31")));
        top.push((
            "Globals",
            map(vec![(
                "Function",
                map(vec![
                    ("Runtime", s("python3.12")),
                    ("Timeout", Value::Int(30)),
                ]),
            )]),
        ));
    }
    top.push((
        "Parameters",
        map(vec![
            (
                "Env",
                map(vec![
                    ("Type", s("String")),
                    ("Default", s("dev")),
                    (
                        "AllowedValues",
                        Value::List(vec![s("dev"), s("staging"), s("prod")]),
                    ),
                ]),
            ),
            (
                "EnableBackups",
                map(vec![
                    ("Type", s("String")),
                    ("Default", s("false")),
                    ("AllowedValues", Value::List(vec![s("true"), s("false")])),
                ]),
            ),
        ]),
    ));
    top.push((
        "Conditions",
        map(vec![(
            "IsProd",
            Value::Fn(
                "Fn::Equals",
                Box::new(Value::List(vec![reference("Env"), s("prod")])),
            ),
        )]),
    ));
    top.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The YAML short form of a function (`Fn::GetAtt` → `GetAtt`).
fn short_name(function: &str) -> &str {
    function.strip_prefix("Fn::").unwrap_or(function)
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Whether a plain YAML scalar would read back as this same string.
fn plain_ok(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    !reserved.contains(&text.to_ascii_lowercase().as_str())
        && !first.is_ascii_digit()
        && !"-?:,[]{}#&*!|>'\"%@`. ".contains(first)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(' ')
        && !text.ends_with(':')
        && !text.contains(['\n', '\t', ',', '[', ']', '{', '}', '\'', '"', '$'])
}

fn yaml_scalar(text: &str, out: &mut String) {
    if plain_ok(text) {
        out.push_str(text);
    } else {
        let _ = write!(out, "'{}'", text.replace('\'', "''"));
    }
}

/// A value that fits on the line after `key: `.
fn yaml_inline(value: &Value, out: &mut String) {
    match value {
        Value::Str(text) => yaml_scalar(text, out),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                yaml_inline(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                yaml_scalar(key, out);
                out.push_str(": ");
                yaml_inline(item, out);
            }
            out.push('}');
        }
        // A tag cannot be followed by another: the long form holds it.
        Value::Fn(function, argument) if matches!(argument.as_ref(), Value::Fn(..)) => {
            let _ = write!(out, "{{{function}: ");
            yaml_inline(argument, out);
            out.push('}');
        }
        Value::Fn(function, argument) => {
            let _ = write!(out, "!{} ", short_name(function));
            match (*function, argument.as_ref()) {
                ("Fn::GetAtt", Value::List(parts))
                    if parts.iter().all(|p| matches!(p, Value::Str(_))) =>
                {
                    let names: Vec<&str> = parts
                        .iter()
                        .filter_map(|p| match p {
                            Value::Str(t) => Some(t.as_str()),
                            _ => None,
                        })
                        .collect();
                    out.push_str(&names.join("."));
                }
                _ => yaml_inline(argument, out),
            }
        }
    }
}

/// Whether a value is written inline after its key (scalars, functions and
/// short lists of scalars).
fn is_inline(value: &Value) -> bool {
    match value {
        Value::Map(entries) => entries.is_empty(),
        Value::List(items) => {
            items.is_empty()
                || items
                    .iter()
                    .all(|i| matches!(i, Value::Str(_) | Value::Int(_) | Value::Bool(_)))
        }
        Value::Str(text) => !text.contains('\n'),
        _ => true,
    }
}

/// Writes a block mapping's entries (or a block sequence's items) at `level`.
fn yaml_block(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Map(entries) => {
            for (key, item) in entries {
                indent(out, level);
                yaml_scalar(key, out);
                out.push(':');
                yaml_after_key(item, level, out);
            }
        }
        Value::List(items) => {
            for item in items {
                indent(out, level);
                out.push_str("- ");
                match item {
                    Value::Map(entries) if !entries.is_empty() => {
                        // The first entry shares the dash's line.
                        let mut first = true;
                        for (key, inner) in entries {
                            if !first {
                                indent(out, level + 1);
                            }
                            first = false;
                            yaml_scalar(key, out);
                            out.push(':');
                            yaml_after_key(inner, level + 1, out);
                        }
                    }
                    _ => {
                        yaml_inline(item, out);
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            indent(out, level);
            yaml_inline(other, out);
            out.push('\n');
        }
    }
}

fn yaml_after_key(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Str(text) if text.contains('\n') => {
            out.push_str(" |\n");
            for line in text.lines() {
                indent(out, level + 1);
                out.push_str(line);
                out.push('\n');
            }
        }
        v if is_inline(v) => {
            out.push(' ');
            yaml_inline(v, out);
            out.push('\n');
        }
        v => {
            out.push('\n');
            yaml_block(v, level + 1, out);
        }
    }
}

fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Pretty-printed JSON with two-space indentation, functions in long form.
fn json(value: &Value, level: usize, out: &mut String) {
    match value {
        Value::Str(text) => json_string(text, out),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::List(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, level + 1);
                json(item, level + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push(']');
        }
        Value::Map(entries) => {
            if entries.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push_str("{\n");
            for (i, (key, item)) in entries.iter().enumerate() {
                indent(out, level + 1);
                json_string(key, out);
                out.push_str(": ");
                json(item, level + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
        Value::Fn(function, argument) => {
            out.push('{');
            json_string(function, out);
            out.push_str(": ");
            json(argument, level, out);
            out.push('}');
        }
    }
}
