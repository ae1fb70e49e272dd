//! Circular dependencies between resources through `DependsOn`, `Ref`,
//! `Fn::GetAtt` and `Fn::Sub`, found with an iterative Tarjan walk.

use crate::analysis::rules::Rule;
use std::collections::{HashMap, VecDeque};

use crate::analysis::cfn::references::Via;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::declaration_span;

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let resources = &ctx.template.resources;
    let index: HashMap<&str, usize> = resources
        .iter()
        .enumerate()
        .map(|(i, r)| (r.decl.name.as_str(), i))
        .collect();
    // Resource spans are disjoint and in document order: find owners by binary search.
    let mut spans: Vec<(usize, usize, usize)> = resources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let s = declaration_span(ctx.doc, r.decl.name_span, r.decl.node);
            (s.start, s.end, i)
        })
        .collect();
    spans.sort_unstable();
    let owner = |pos: usize| {
        let at = spans.partition_point(|(start, _, _)| *start <= pos);
        at.checked_sub(1)
            .and_then(|i| spans.get(i))
            .filter(|(_, end, _)| pos < *end)
            .map(|(_, _, i)| *i)
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); resources.len()];
    for r in &ctx.refs {
        if !matches!(r.via, Via::Ref | Via::GetAtt | Via::Sub | Via::DependsOn)
            || ctx.is_opaque(r.span)
        {
            continue;
        }
        let (Some(from), Some(&to)) = (owner(r.span.start), index.get(r.name.as_str())) else {
            continue;
        };
        // SAM rewrites its own resources (events become separate permissions, ...),
        // so only dependencies between plain resources are judged in SAM templates.
        if ctx.transforms.sam && (serverless(resources, from) || serverless(resources, to)) {
            continue;
        }
        if from == to && r.via == Via::DependsOn {
            continue; // reported as depends-on-self
        }
        if let Some(list) = edges.get_mut(from) {
            if !list.contains(&to) {
                list.push(to);
            }
        }
    }
    for component in strongly_connected(&edges) {
        let is_cycle = component.len() > 1
            || component
                .first()
                .is_some_and(|&v| edges.get(v).is_some_and(|e| e.contains(&v)));
        if !is_cycle {
            continue;
        }
        for &member in &component {
            let Some(path) = cycle_through(&edges, &component, member) else {
                continue;
            };
            let names: Vec<&str> = path
                .iter()
                .filter_map(|&i| resources.get(i).map(|r| r.decl.name.as_str()))
                .collect();
            let Some(resource) = resources.get(member) else {
                continue;
            };
            findings.push(finding(Rule::CircularDependency,
                resource.decl.name_span,
                format!(
                    "circular dependency: {}; break the cycle by removing one of these references or `DependsOn` entries",
                    names.join(" → ")
                ),
            ));
        }
    }
}

fn serverless(resources: &[crate::analysis::cfn::template::Resource], i: usize) -> bool {
    resources
        .get(i)
        .and_then(|r| r.type_name.as_deref())
        .is_some_and(|t| t.starts_with("AWS::Serverless::"))
}

/// Strongly connected components (Tarjan), without recursion.
pub fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // (vertex, position of the next edge to follow)
        let mut work = vec![(start, 0usize)];
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            let targets = &edges[v];
            if let Some(&w) = targets.get(*pos) {
                *pos += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
        }
    }
    out
}

/// A shortest cycle from `start` back to itself inside `component`, as the
/// list of vertices with `start` at both ends.
pub fn cycle_through(
    edges: &[Vec<usize>],
    component: &[usize],
    start: usize,
) -> Option<Vec<usize>> {
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in edges.get(v)? {
            if !component.contains(&w) {
                continue;
            }
            if w == start {
                let mut middle = Vec::new();
                let mut at = v;
                while at != start {
                    middle.push(at);
                    at = *previous.get(&at)?;
                }
                middle.reverse();
                let mut path = vec![start];
                path.extend(middle);
                path.push(start);
                return Some(path);
            }
            if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(w) {
                if w != start {
                    e.insert(v);
                    queue.push_back(w);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::strongly_connected;

    #[test]
    fn finds_components_without_recursion() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 alone; plus a long chain that would overflow a recursive walk.
        let mut edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let n = 200_000;
        let base = edges.len();
        for i in 0..n {
            edges.push(if i + 1 < n {
                vec![base + i + 1]
            } else {
                vec![]
            });
        }
        let components = strongly_connected(&edges);
        assert!(components.contains(&vec![0, 1, 2]));
        assert!(components.contains(&vec![3]));
        assert_eq!(components.len(), 3 + n);
    }

    #[test]
    fn reports_the_cycle_on_each_resource() {
        let text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: C\n  C:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${A}'\n  D:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n";
        let findings = run(text);
        let cycles: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "circular-dependency")
            .collect();
        assert_eq!(cycles.len(), 3, "{findings:#?}");
        assert_eq!(cycles[0].span, span_of(text, "A", 0));
        assert!(
            cycles[0]
                .message
                .starts_with("circular dependency: A → B → C → A"),
            "{}",
            cycles[0].message
        );
        assert!(cycles[1]
            .message
            .starts_with("circular dependency: B → C → A → B"));
    }

    #[test]
    fn a_resource_referring_to_itself_is_a_cycle() {
        let text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt A.TopicName\n";
        let f = run(text);
        assert!(only(&f, "circular-dependency").message.contains("A → A"));
    }
}
