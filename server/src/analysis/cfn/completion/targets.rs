//! Arguments of intrinsic functions: `Ref` targets, `Fn::GetAtt` logical IDs
//! then attributes, `${…}` variables in `Fn::Sub`, conditions for `Fn::If`
//! and `Condition`, map then keys for `Fn::FindInMap`, and `DependsOn`.

use awsls_grammars::{Entry, Format, Span};

use crate::analysis::cfn::references::Via;
use crate::analysis::{CompletionEntry, CompletionKind};
use crate::schema;

use super::super::cursor::{self, Role, Seg};
use super::super::functions::FUNCTIONS;
use super::super::template::{self, PSEUDO_PARAMETERS};
use super::{rank, structure, Ctx};

pub(super) fn in_function(
    ctx: &Ctx<'_>,
    outer: &[Seg],
    function: &str,
    rest: &[Seg],
) -> Vec<CompletionEntry> {
    let enclosing = match outer {
        [Seg::Key(section), Seg::Key(id), ..] if section == "Resources" => Some(id.as_str()),
        _ => None,
    };
    let item = match rest {
        [] => None,
        [Seg::Item { index, previous }] => Some((*index, previous.as_slice())),
        // Deeper inside the arguments: a value of some other function.
        _ => {
            return match ctx.cursor.role {
                Role::Key => ctx.function_keys(false),
                _ => ctx.function_values(false),
            }
        }
    };
    if ctx.cursor.role == Role::Key && !matches!(function, "Fn::Transform") {
        return ctx.function_keys(false);
    }
    match (function, item) {
        ("Ref", None) => ref_targets(ctx, enclosing),
        ("Fn::GetAtt", None) => get_att_scalar(ctx, enclosing),
        ("Fn::GetAtt", Some((0, _))) => resources(ctx, enclosing),
        ("Fn::GetAtt", Some((1, previous))) => match previous.first() {
            Some(resource) => attributes(ctx, resource, ctx.word(), false),
            None => Vec::new(),
        },
        ("Fn::Sub", None) | ("Fn::Sub", Some((0, _))) => sub_variables(ctx, enclosing),
        ("Fn::If", Some((0, _))) | ("Condition", None) => conditions(ctx),
        ("Fn::If", Some(_)) => structure::entries(ctx, outer, Role::Value),
        ("Fn::And" | "Fn::Or" | "Fn::Not", Some(_)) => ctx.function_values(true),
        ("Fn::FindInMap", Some((0, _))) => mappings(ctx),
        ("Fn::FindInMap", Some((1, previous))) => map_keys(ctx, previous.first(), None),
        ("Fn::FindInMap", Some((2, previous))) => map_keys(ctx, previous.first(), previous.get(1)),
        ("Fn::Equals", Some(_))
        | ("Fn::Join", Some(_))
        | ("Fn::Select", Some(_))
        | ("Fn::Split", Some(_)) => ctx.function_values(false),
        ("Fn::Base64" | "Fn::ImportValue" | "Fn::Cidr" | "Fn::Length" | "Fn::ToJsonString", _) => {
            ctx.function_values(false)
        }
        _ => Vec::new(),
    }
}

/// Short-form tags (`!Ref`), replacing the `!` and the word after it.
pub(super) fn function_tags(ctx: &Ctx<'_>, condition_only: bool) -> Vec<CompletionEntry> {
    let word = ctx.word();
    let replace = Span::new(word.start.saturating_sub(1), word.end);
    FUNCTIONS
        .iter()
        .filter(|f| !condition_only || f.condition || f.name == "Ref" || f.name == "Fn::FindInMap")
        .filter_map(|f| {
            let tag = f.tag?;
            let mut entry = CompletionEntry::new(tag, CompletionKind::Function, replace);
            entry.insert_text = format!("{tag} {}", f.yaml_args);
            entry.snippet = true;
            entry.detail = Some(format!("{}: {}", f.name, f.signature));
            entry.documentation = Some(f.markdown());
            Some(entry)
        })
        .collect()
}

/// Names of a section read from the text, for when the model lost the section.
fn from_text(
    ctx: &Ctx<'_>,
    section: &str,
    detail: &str,
    except: Option<&str>,
) -> Vec<CompletionEntry> {
    cursor::section_keys(ctx.text, ctx.snapshot.format, section)
        .iter()
        .filter(|name| Some(name.as_str()) != except)
        .map(|name| {
            let mut entry = ctx.value_entry(name, CompletionKind::Reference);
            entry.detail = Some(detail.to_string());
            entry
        })
        .collect()
}

fn ref_targets(ctx: &Ctx<'_>, enclosing: Option<&str>) -> Vec<CompletionEntry> {
    let mut out = loop_identifiers(ctx)
        .into_iter()
        .map(|(name, detail)| {
            let mut entry = ctx.value_entry(&name, CompletionKind::Value);
            entry.detail = Some(detail);
            entry
        })
        .collect::<Vec<_>>();
    out.extend(parameters(ctx));
    out.extend(resources(ctx, enclosing));
    out.extend(pseudo_parameters(ctx));
    out
}

fn parameters(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    let doc = &ctx.snapshot.document;
    let Some(declared) = candidates(ctx, "Parameters", None) else {
        return from_text(ctx, "Parameters", "Parameter", None);
    };
    declared
        .into_iter()
        .map(|p| {
            let mut entry = ctx.value_entry(&p.key.text, CompletionKind::Reference);
            entry.detail = Some(format!(
                "Parameter ({})",
                declared_type(ctx, p).unwrap_or("String")
            ));
            if let Some(description) = doc
                .get(p.value, "Description")
                .and_then(|d| doc.str_value(d))
            {
                entry.documentation = Some(description.to_string());
            }
            entry
        })
        .collect()
}

/// A declaration's `Type` when written as a string (parameters and
/// resources).
fn declared_type<'a>(ctx: &Ctx<'a>, declaration: &Entry) -> Option<&'a str> {
    let doc = &ctx.snapshot.document;
    doc.str_value(doc.get(declaration.value, "Type")?)
}

/// Resources other than `except`.
pub(super) fn resources(ctx: &Ctx<'_>, except: Option<&str>) -> Vec<CompletionEntry> {
    if ctx.snapshot.contains(super::super::for_each::PREFIX) {
        return expanded_resources(ctx, except);
    }
    let Some(declared) = candidates(ctx, "Resources", except) else {
        return from_text(ctx, "Resources", "Resource", except);
    };
    declared
        .into_iter()
        .map(|r| {
            // The type says it all: no documentation to repeat it (lists of
            // thousands of resources are sent as they are typed).
            let mut entry = ctx.value_entry(&r.key.text, CompletionKind::Reference);
            entry.detail = Some(declared_type(ctx, r).unwrap_or("Resource").to_string());
            entry
        })
        .collect()
}

/// With `Fn::ForEach` loops: the resources of the template's model, where
/// each loop stands for the names it produces.
fn expanded_resources(ctx: &Ctx<'_>, except: Option<&str>) -> Vec<CompletionEntry> {
    let template = ctx.snapshot.template();
    let others = template.resources.iter().filter(|r| {
        Some(r.decl.name.as_str()) != except
            && !r.decl.name.contains("${")
            && !r.decl.name.contains("&{")
    });
    rank::best(others, |r| r.decl.name.as_str(), &ctx.cursor.typed)
        .into_iter()
        .map(|r| {
            let mut entry = ctx.value_entry(&r.decl.name, CompletionKind::Reference);
            entry.detail = Some(r.type_name.as_deref().unwrap_or("Resource").to_string());
            entry
        })
        .collect()
}

/// The declarations of `section` other than `except` that the word typed so
/// far matches: the best of them when there are more than a list shows.
/// `None` when the model declares nothing there (say, lost to a syntax
/// error), for the caller to read the names from the text instead.
fn candidates<'a>(ctx: &Ctx<'a>, section: &str, except: Option<&str>) -> Option<Vec<&'a Entry>> {
    let entries = template::section(&ctx.snapshot.document, section);
    if entries.is_empty() {
        return None;
    }
    let others = entries.iter().filter(|e| {
        Some(e.key.text.as_str()) != except
            && !e.key.text.starts_with(super::super::for_each::PREFIX)
    });
    Some(rank::best(
        others,
        |e| e.key.text.as_str(),
        &ctx.cursor.typed,
    ))
}

fn pseudo_parameters(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    PSEUDO_PARAMETERS
        .iter()
        .map(|(name, description)| {
            let mut entry = ctx.value_entry(name, CompletionKind::Reference);
            entry.detail = Some("Pseudo parameter".to_string());
            entry.documentation = Some(description.to_string());
            entry
        })
        .collect()
}

pub(super) fn conditions(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    let Some(declared) = candidates(ctx, "Conditions", None) else {
        return from_text(ctx, "Conditions", "Condition", None);
    };
    // The conditions used most come first.
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let references =
        crate::analysis::cfn::references::collect(ctx.snapshot, ctx.snapshot.template());
    for r in &references {
        if matches!(r.via, Via::Condition | Via::If) {
            *uses.entry(r.name.as_str()).or_default() += 1;
        }
    }
    let mut entries: Vec<(usize, CompletionEntry)> = declared
        .into_iter()
        .map(|c| {
            let mut entry = ctx.value_entry(&c.key.text, CompletionKind::Reference);
            let used = uses.get(c.key.text.as_str()).copied().unwrap_or(0);
            entry.detail = Some(match used {
                0 => "Condition, not used yet".to_string(),
                1 => "Condition, used once".to_string(),
                n => format!("Condition, used {n} times"),
            });
            entry.documentation = Some(
                crate::analysis::cfn::hover::condition_markdown(
                    ctx.snapshot,
                    ctx.snapshot.template(),
                    &c.key.text,
                )
                .unwrap_or_default(),
            );
            (used, entry)
        })
        .collect();
    entries.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| x.label.cmp(&y.label)));
    entries
        .into_iter()
        .enumerate()
        .map(|(rank, (_, mut entry))| {
            entry.sort_text = Some(format!("{rank:04}"));
            entry
        })
        .collect()
}

fn mappings(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    let Some(declared) = candidates(ctx, "Mappings", None) else {
        return from_text(ctx, "Mappings", "Mapping", None);
    };
    declared
        .into_iter()
        .map(|m| {
            let mut entry = ctx.value_entry(&m.key.text, CompletionKind::Reference);
            entry.detail = Some("Mapping".to_string());
            entry
        })
        .collect()
}

/// Top-level keys of map `map` (when `top` is `None`), else the second-level
/// keys under `top` (under every top-level key when `top` is not a literal key).
fn map_keys(ctx: &Ctx<'_>, map: Option<&String>, top: Option<&String>) -> Vec<CompletionEntry> {
    let doc = &ctx.snapshot.document;
    let Some(node) = map.and_then(|m| {
        template::section(doc, "Mappings")
            .iter()
            .find(|e| e.key.text == *m)
            .map(|e| e.value)
    }) else {
        return Vec::new();
    };
    let Some(entries) = doc.mapping(node) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = Vec::new();
    match top {
        None => keys.extend(entries.iter().map(|e| e.key.text.clone())),
        Some(top) => {
            let chosen: Vec<_> = match entries.iter().find(|e| e.key.text == *top) {
                Some(entry) => vec![entry],
                None => entries.iter().collect(),
            };
            for entry in chosen {
                for second in doc.mapping(entry.value).unwrap_or_default() {
                    if !keys.contains(&second.key.text) {
                        keys.push(second.key.text.clone());
                    }
                }
            }
        }
    }
    keys.iter()
        .map(|k| {
            let mut entry = ctx.value_entry(k, CompletionKind::Value);
            entry.detail = Some(
                if top.is_none() {
                    "Top-level key"
                } else {
                    "Second-level key"
                }
                .to_string(),
            );
            entry
        })
        .collect()
}

/// The attributes of resource `resource`'s type, replacing `replace`. With
/// `qualified`, labels read `Resource.Attribute` (for `${…}`).
fn attributes(
    ctx: &Ctx<'_>,
    resource: &str,
    replace: Span,
    qualified: bool,
) -> Vec<CompletionEntry> {
    let Some(schema) = ctx
        .resource_type(resource)
        .and_then(|t| schema::cfn::resource(&t))
    else {
        return Vec::new();
    };
    schema
        .attributes
        .iter()
        .filter(|a| !a.name.ends_with('*'))
        .map(|a| {
            let label = if qualified {
                format!("{resource}.{}", a.name)
            } else {
                a.name.to_string()
            };
            let mut entry = CompletionEntry::new(&label, CompletionKind::Property, replace);
            entry.insert_text = if qualified || ctx.cursor.format == Format::Yaml {
                label.clone()
            } else {
                ctx.string_text(&label)
            };
            let types: Vec<&str> = a.types.iter().map(|t| t.as_str()).collect();
            entry.detail = Some(format!(
                "{} attribute{}",
                schema.type_name,
                if types.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", types.join(" | "))
                }
            ));
            if !a.description.is_empty() {
                entry.documentation = Some(a.description.to_string());
            }
            entry
        })
        .collect()
}

/// `!GetAtt Resource.Attribute`: logical IDs, or attributes after the dot.
fn get_att_scalar(ctx: &Ctx<'_>, enclosing: Option<&str>) -> Vec<CompletionEntry> {
    let word = ctx.word();
    let typed = ctx.text.get(word.start..word.end).unwrap_or("");
    match typed.find('.') {
        // The cursor is in the logical ID, before the dot: offer logical IDs
        // for that part alone, keeping `.Attribute`.
        Some(dot) if ctx.cursor.offset <= word.start + dot => {
            let replace = Span::new(word.start, word.start + dot);
            resources(ctx, enclosing)
                .into_iter()
                .map(|mut entry| {
                    entry.replace = replace;
                    entry
                })
                .collect()
        }
        Some(dot) => {
            let replace = Span::new(word.start + dot + 1, word.end);
            attributes(ctx, &typed[..dot], replace, false)
        }
        None => resources(ctx, enclosing),
    }
}

/// `${…}` variables inside a `Fn::Sub` string.
fn sub_variables(ctx: &Ctx<'_>, enclosing: Option<&str>) -> Vec<CompletionEntry> {
    let word = ctx.word();
    if !ctx.text.get(..word.start).unwrap_or("").ends_with("${") {
        return Vec::new();
    }
    let typed = ctx.text.get(word.start..word.end).unwrap_or("");
    let plain = |label: &str, kind: CompletionKind, detail: String| {
        let mut entry = CompletionEntry::new(label, kind, word);
        entry.detail = Some(detail);
        entry
    };
    if let Some(dot) = typed.find('.') {
        return attributes(ctx, &typed[..dot], word, true);
    }
    let mut out = local_sub_variables(ctx)
        .into_iter()
        .map(|name| plain(&name, CompletionKind::Value, "Fn::Sub variable".to_string()))
        .collect::<Vec<_>>();
    out.extend(
        loop_identifiers(ctx)
            .into_iter()
            .map(|(name, detail)| plain(&name, CompletionKind::Value, detail)),
    );
    out.extend(
        candidates(ctx, "Parameters", None)
            .into_iter()
            .flatten()
            .map(|p| {
                plain(
                    &p.key.text,
                    CompletionKind::Reference,
                    format!("Parameter ({})", declared_type(ctx, p).unwrap_or("String")),
                )
            }),
    );
    out.extend(
        candidates(ctx, "Resources", enclosing)
            .into_iter()
            .flatten()
            .map(|r| {
                plain(
                    &r.key.text,
                    CompletionKind::Reference,
                    declared_type(ctx, r).unwrap_or("Resource").to_string(),
                )
            }),
    );
    for (name, description) in PSEUDO_PARAMETERS {
        let mut entry = plain(
            name,
            CompletionKind::Reference,
            "Pseudo parameter".to_string(),
        );
        entry.documentation = Some(description.to_string());
        out.push(entry);
    }
    out
}

/// The identifiers of the `Fn::ForEach` loops around the cursor, innermost
/// first, each with the values it takes.
fn loop_identifiers(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    if !ctx.snapshot.contains(super::super::for_each::PREFIX) {
        return Vec::new();
    }
    let offset = ctx.cursor.offset;
    let mut around: Vec<&super::super::for_each::Loop> = ctx
        .snapshot
        .template()
        .loops()
        .filter(|l| l.body.is_some() && l.span.touches(offset))
        .collect();
    around.sort_by_key(|l| std::cmp::Reverse(l.span.start));
    let mut out: Vec<(String, String)> = Vec::new();
    for l in around {
        let Some((id, _)) = &l.identifier else {
            continue;
        };
        if out.iter().any(|(seen, _)| seen == id) {
            continue;
        }
        let values = l
            .values
            .as_ref()
            .map_or_else(|| "values not known".to_string(), |v| v.join(", "));
        out.push((
            id.clone(),
            format!("Fn::ForEach::{} identifier ({values})", l.name),
        ));
    }
    out
}

/// The names of the variable map of the `Fn::Sub` around the cursor.
fn local_sub_variables(ctx: &Ctx<'_>) -> Vec<String> {
    let doc = &ctx.snapshot.document;
    let location = doc.locate(ctx.cursor.offset);
    let Some(argument) = location.nodes.iter().rev().find_map(|n| {
        doc.intrinsic(*n)
            .filter(|i| i.function == "Fn::Sub")
            .map(|i| i.argument)
    }) else {
        return Vec::new();
    };
    let (_, vars) = super::super::references::sub_parts(doc, argument);
    vars.and_then(|v| doc.mapping(v))
        .map(|entries| entries.iter().map(|e| e.key.text.clone()).collect())
        .unwrap_or_default()
}
