//! The intrinsic functions: names in both forms, what they take and return,
//! and how to write a call in YAML and JSON. Used by completion and hover.

/// One intrinsic or condition function.
pub struct Function {
    /// The long name (`Fn::GetAtt`, `Ref`).
    pub name: &'static str,
    /// The YAML short-form tag, when there is one.
    pub tag: Option<&'static str>,
    /// The argument as written in the long form.
    pub signature: &'static str,
    pub summary: &'static str,
    /// Page name in the CloudFormation user guide.
    pub page: &'static str,
    /// YAML snippet body after the tag (`$1` placeholders).
    pub yaml_args: &'static str,
    /// JSON snippet of the argument.
    pub json_args: &'static str,
    /// Usable inside `Conditions` (condition functions).
    pub condition: bool,
}

const GUIDE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/";

impl Function {
    pub fn url(&self) -> String {
        format!("{GUIDE}{}.html", self.page)
    }

    /// Markdown for hovers and completion documentation.
    pub fn markdown(&self) -> String {
        let mut out = format!("**{}**", self.name);
        if let Some(tag) = self.tag {
            out.push_str(&format!(" (short form `{tag}`)"));
        }
        out.push_str(&format!(
            "\n\n{}\n\n```yaml\n{}: {}\n```\n\n[Documentation]({})",
            self.summary,
            self.name,
            self.signature,
            self.url()
        ));
        out
    }
}

pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "Ref",
        tag: Some("!Ref"),
        signature: "LogicalName",
        summary: "Returns the value of a parameter, the physical ID (usually the name) of a resource, or the value of a pseudo parameter.",
        page: "intrinsic-function-reference-ref",
        yaml_args: "${1}",
        json_args: "\"${1}\"",
        condition: false,
    },
    Function {
        name: "Fn::GetAtt",
        tag: Some("!GetAtt"),
        signature: "[LogicalName, AttributeName]",
        summary: "Returns the value of an attribute of a resource in the template (`!GetAtt Resource.Attribute`).",
        page: "intrinsic-function-reference-getatt",
        yaml_args: "${1}",
        json_args: "[\"${1}\", \"${2}\"]",
        condition: false,
    },
    Function {
        name: "Fn::Sub",
        tag: Some("!Sub"),
        signature: "String | [String, {Var: Value}]",
        summary: "Substitutes the `${Name}` variables of a string with the values of parameters, resources (`${Resource.Attribute}`), pseudo parameters or the given variables. `${!Literal}` writes `${Literal}`.",
        page: "intrinsic-function-reference-sub",
        yaml_args: "${1}",
        json_args: "\"${1}\"",
        condition: false,
    },
    Function {
        name: "Fn::Join",
        tag: Some("!Join"),
        signature: "[Delimiter, [Value, ...]]",
        summary: "Joins a list of values with a delimiter.",
        page: "intrinsic-function-reference-join",
        yaml_args: "[\"${1}\", [${2}]]",
        json_args: "[\"${1}\", [${2}]]",
        condition: false,
    },
    Function {
        name: "Fn::Select",
        tag: Some("!Select"),
        signature: "[Index, List]",
        summary: "Returns the item at a zero-based index of a list.",
        page: "intrinsic-function-reference-select",
        yaml_args: "[${1:0}, ${2}]",
        json_args: "[\"${1:0}\", ${2}]",
        condition: false,
    },
    Function {
        name: "Fn::Split",
        tag: Some("!Split"),
        signature: "[Delimiter, String]",
        summary: "Splits a string into a list of strings at each delimiter.",
        page: "intrinsic-function-reference-split",
        yaml_args: "[\"${1}\", ${2}]",
        json_args: "[\"${1}\", ${2}]",
        condition: false,
    },
    Function {
        name: "Fn::FindInMap",
        tag: Some("!FindInMap"),
        signature: "[MapName, TopLevelKey, SecondLevelKey]\n# with AWS::LanguageExtensions, a value for missing keys:\n# [MapName, TopLevelKey, SecondLevelKey, {DefaultValue: fallback}]",
        summary: "Returns the value stored under two keys of a map in the `Mappings` section. With the `AWS::LanguageExtensions` transform a fourth item `{DefaultValue: ...}` is returned when the keys are not in the map.",
        page: "intrinsic-function-reference-findinmap",
        yaml_args: "[${1}, ${2}, ${3}]",
        json_args: "[\"${1}\", \"${2}\", \"${3}\"]",
        condition: false,
    },
    Function {
        name: "Fn::If",
        tag: Some("!If"),
        signature: "[ConditionName, ValueIfTrue, ValueIfFalse]",
        summary: "Returns one value when a condition is true and another when it is false. `!Ref AWS::NoValue` removes the property.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "[${1}, ${2}, ${3}]",
        json_args: "[\"${1}\", ${2}, ${3}]",
        condition: true,
    },
    Function {
        name: "Fn::Equals",
        tag: Some("!Equals"),
        signature: "[Value1, Value2]",
        summary: "True when two values are equal.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "[${1}, ${2}]",
        json_args: "[${1}, ${2}]",
        condition: true,
    },
    Function {
        name: "Fn::And",
        tag: Some("!And"),
        signature: "[Condition, Condition, ...]",
        summary: "True when all of 2 to 10 conditions are true.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "[${1}, ${2}]",
        json_args: "[${1}, ${2}]",
        condition: true,
    },
    Function {
        name: "Fn::Or",
        tag: Some("!Or"),
        signature: "[Condition, Condition, ...]",
        summary: "True when any of 2 to 10 conditions is true.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "[${1}, ${2}]",
        json_args: "[${1}, ${2}]",
        condition: true,
    },
    Function {
        name: "Fn::Not",
        tag: Some("!Not"),
        signature: "[Condition]",
        summary: "True when the condition is false.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "[${1}]",
        json_args: "[${1}]",
        condition: true,
    },
    Function {
        name: "Condition",
        tag: Some("!Condition"),
        signature: "ConditionName",
        summary: "The value of a condition declared in `Conditions`, inside other condition functions.",
        page: "intrinsic-function-reference-conditions",
        yaml_args: "${1}",
        json_args: "\"${1}\"",
        condition: true,
    },
    Function {
        name: "Fn::Base64",
        tag: Some("!Base64"),
        signature: "String",
        summary: "Returns the Base64 encoding of a string (typically EC2 `UserData`).",
        page: "intrinsic-function-reference-base64",
        yaml_args: "${1}",
        json_args: "\"${1}\"",
        condition: false,
    },
    Function {
        name: "Fn::Cidr",
        tag: Some("!Cidr"),
        signature: "[IpBlock, Count, CidrBits]",
        summary: "Returns a list of CIDR address blocks carved out of an IP block.",
        page: "intrinsic-function-reference-cidr",
        yaml_args: "[${1}, ${2}, ${3}]",
        json_args: "[${1}, ${2}, ${3}]",
        condition: false,
    },
    Function {
        name: "Fn::GetAZs",
        tag: Some("!GetAZs"),
        signature: "Region",
        summary: "Returns the Availability Zones of a Region (`\"\"` means the stack's Region).",
        page: "intrinsic-function-reference-getavailabilityzones",
        yaml_args: "'${1}'",
        json_args: "\"${1}\"",
        condition: false,
    },
    Function {
        name: "Fn::ImportValue",
        tag: Some("!ImportValue"),
        signature: "ExportName",
        summary: "Returns the value of an output exported by another stack.",
        page: "intrinsic-function-reference-importvalue",
        yaml_args: "${1}",
        json_args: "\"${1}\"",
        condition: false,
    },
    Function {
        name: "Fn::Transform",
        tag: Some("!Transform"),
        signature: "{Name: MacroName, Parameters: {...}}",
        summary: "Runs a macro on part of the template.",
        page: "intrinsic-function-reference-transform",
        yaml_args: "{Name: ${1}, Parameters: {${2}}}",
        json_args: "{\"Name\": \"${1}\", \"Parameters\": {${2}}}",
        condition: false,
    },
    Function {
        name: "Fn::Length",
        tag: Some("!Length"),
        signature: "[a, b, c]            # or !Ref ListParameter: returns 3",
        summary: "Returns the number of items of a list: a written list, or a function that returns one (`Ref` to a list parameter, `Fn::Split`, ...). Needs the `AWS::LanguageExtensions` transform.",
        page: "intrinsic-function-reference-length",
        yaml_args: "${1}",
        json_args: "${1}",
        condition: false,
    },
    Function {
        name: "Fn::ToJsonString",
        tag: Some("!ToJsonString"),
        signature: "{Key: !Ref Value}    # returns '{\"Key\":\"...\"}'",
        summary: "Returns a mapping or a list, intrinsic functions inside it resolved, as a JSON string (for a property that takes JSON text). Needs the `AWS::LanguageExtensions` transform.",
        page: "intrinsic-function-reference-ToJsonString",
        yaml_args: "${1}",
        json_args: "${1}",
        condition: false,
    },
    Function {
        name: "Fn::GetStackOutput",
        tag: Some("!GetStackOutput"),
        signature: "\n  StackName: network          # the stack that declares the output\n  OutputName: VpcId           # the key under its Outputs\n  Region: us-west-2           # optional: another Region\n  RoleArn: arn:aws:iam::111122223333:role/Reader  # optional: another account",
        summary: "Returns the value of an output of another stack, which need not be exported; with `Region` and `RoleArn` from another Region or account (the role needs `cloudformation:DescribeStacks`). The reference is weak: the other stack may change or delete the output later.",
        page: "intrinsic-function-reference-getstackoutput",
        yaml_args: "{StackName: ${1}, OutputName: ${2}}",
        json_args: "{\"StackName\": \"${1}\", \"OutputName\": \"${2}\"}",
        condition: false,
    },
];

/// Markdown for `Fn::ForEach`, which is written as a key rather than a call.
pub fn for_each_markdown() -> String {
    format!(
        "**Fn::ForEach** (needs the `AWS::LanguageExtensions` transform)\n\n\
         Repeats a fragment for each item of a collection, in `Resources`, `Outputs` and \
         `Conditions`: `${{Identifier}}` in the output keys and values is replaced by the item, \
         `&{{Identifier}}` by the item without its non-alphanumeric characters. Arguments: the \
         identifier, the collection (a list, or a `Ref` to a list parameter, `Fn::FindInMap`, \
         `Fn::GetAZs`, `Fn::Split`) and `{{OutputKey: OutputValue}}`. Loops nest up to five deep.\n\n\
         ```yaml\nFn::ForEach::Topics:\n  - Name\n  - [Orders, Invoices]\n  - Topic${{Name}}:\n      Type: AWS::SNS::Topic\n```\n\n\
         [Documentation]({GUIDE}intrinsic-function-reference-foreach.html)"
    )
}

/// The function with this long name (`Fn::Sub`) or short tag (`!Sub`).
pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS
        .iter()
        .find(|f| f.name == name || f.tag == Some(name))
}

/// Markdown for a pseudo parameter, if `name` is one.
pub fn pseudo_parameter_markdown(name: &str) -> Option<String> {
    let (_, description) = super::template::PSEUDO_PARAMETERS
        .iter()
        .find(|(p, _)| *p == name)?;
    Some(format!(
        "**{name}** (pseudo parameter)\n\n{description}\n\n[Documentation]({GUIDE}pseudo-parameter-reference.html)"
    ))
}
