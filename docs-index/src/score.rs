//! Ranking: scores the sections of one or more indexes against a query plan, drops
//! weak and near-duplicate hits, and returns the best ones.
//!
//! A phrase in the section's own heading scores most, in an ancestor heading less, and
//! body mentions least. Mentions count fully inside the service's sections (its name is
//! in the heading path), partly where the body names the service, and otherwise only
//! for distinctive phrases. Levels (property → resource type → service) add up with
//! falling weights.

use crate::index::{contains_phrase, NotesIndex, Section, SectionTerms};
use crate::query::{Phrase, Plan};
use crate::text;

/// A section found for a topic.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// The matching section.
    pub section: &'a Section,
    /// Relevance; higher is better. Hits below [`MIN_SCORE`] are never returned.
    pub score: f32,
    /// First body line mentioning the most specific matched phrase, when the heading
    /// does not name it: the place to start an excerpt or point a link.
    pub focus_line: Option<u32>,
    pub(crate) fingerprint: &'a [u64],
}

/// The score a section needs to be returned at all.
pub const MIN_SCORE: f32 = 35.0;

const OWN_HEADING: f32 = 100.0;
const ANCESTOR_HEADING: f32 = 40.0;
const BODY_FIRST: f32 = 10.0;
/// First body mention of a literal full name.
const BODY_FIRST_LITERAL: f32 = 60.0;
const BODY_EACH: f32 = 5.0;
const BODY_MAX_COUNTED: usize = 6;
/// Share of a match kept when only the body names the service: for a distinctive
/// phrase, and for a generic word.
const BODY_CONTEXT: f32 = 0.7;
const BODY_CONTEXT_GENERIC: f32 = 0.3;
/// Share of a distinctive match kept outside the service's sections.
const NO_CONTEXT: f32 = 0.5;
/// Jaccard similarity of body words above which two hits are the same note.
const DUPLICATE_SIMILARITY: f64 = 0.75;

/// Heading words that do not change what a heading is about.
const FILLER: &[&str] = &[
    "aws", "amazon", "overview", "101", "what", "is", "the", "basic", "intro", "a", "an", "and",
    "or", "of", "for", "in", "to", "with", "on",
];

/// Share of the heading score kept however many other words the heading has; the
/// rest is given in proportion to how much of the heading the phrase covers.
const HEADING_FLOOR: f32 = 0.4;

/// A plan phrase resolved against one index.
struct Resolved<'p> {
    ids: Vec<u32>,
    phrase: &'p Phrase,
}

fn resolve<'p>(index: &NotesIndex, phrases: &'p [Phrase]) -> Vec<Resolved<'p>> {
    phrases
        .iter()
        .filter_map(|phrase| {
            Some(Resolved {
                ids: index.phrase_ids(&phrase.words)?,
                phrase,
            })
        })
        .collect()
}

/// How much of the heading the phrase makes up, ignoring filler words: 1.0 when the
/// heading names nothing else ("DynamoDB"), less for "EC2 Instance Storage".
fn coverage(filler: &[u32], heading: &[u32], phrase: &[u32]) -> f32 {
    let content = heading.iter().filter(|t| !filler.contains(t)).count();
    phrase.len() as f32 / content.max(phrase.len()).max(1) as f32
}

/// Score of one phrase in one section before the context share, and the body line to
/// focus on (`None` when a heading names the phrase).
fn phrase_score(
    index: &NotesIndex,
    no: u32,
    terms: &SectionTerms,
    r: &Resolved,
    filler: &[u32],
) -> (f32, Option<u32>) {
    let own = terms
        .path
        .last()
        .is_some_and(|h| contains_phrase(h, &r.ids));
    let ancestor = !own
        && terms
            .path
            .iter()
            .rev()
            .skip(1)
            .any(|h| contains_phrase(h, &r.ids));
    let heading = match terms.path.last() {
        Some(h) if own => {
            OWN_HEADING * (HEADING_FLOOR + (1.0 - HEADING_FLOOR) * coverage(filler, h, &r.ids))
        }
        _ if ancestor => ANCESTOR_HEADING,
        _ => 0.0,
    };
    let positions = index.phrase_positions(no, &r.ids);
    let body = if positions.is_empty() {
        0.0
    } else {
        let counted = positions.len().min(BODY_MAX_COUNTED) as f32;
        let first = if r.phrase.literal {
            BODY_FIRST_LITERAL
        } else {
            BODY_FIRST
        };
        first + BODY_EACH * counted
    };
    let focus = if own || ancestor {
        None
    } else {
        positions
            .first()
            .and_then(|&p| terms.body_lines.get(p as usize).copied())
    };
    (heading + body, focus)
}

/// Scores every candidate section of `index` and appends those above the threshold.
fn score_index<'a>(index: &'a NotesIndex, boost: f32, plan: &Plan, out: &mut Vec<Hit<'a>>) {
    let levels: Vec<(f32, bool, Vec<Resolved>)> = plan
        .levels
        .iter()
        .map(|l| (l.weight, l.support_only, resolve(index, &l.phrases)))
        .collect();
    let context = resolve(index, &plan.context);
    // Levels that only name the service: a mention there is a poorer excerpt start
    // than a mention of the property, action or resource itself.
    let names_service: Vec<bool> = plan
        .levels
        .iter()
        .map(|l| !plan.context.is_empty() && l.phrases.iter().all(|p| plan.context.contains(p)))
        .collect();
    let filler: Vec<u32> = FILLER
        .iter()
        .filter_map(|f| index.vocab.get(*f).copied())
        .collect();

    let mut candidates: Vec<u32> = Vec::new();
    for r in levels
        .iter()
        .filter(|(_, support, _)| !support)
        .flat_map(|(_, _, rs)| rs)
    {
        let Some(&first) = r.ids.first() else {
            continue;
        };
        candidates.extend(index.body_sections(first));
        if let Some(list) = index.path_postings.get(first as usize) {
            candidates.extend(list.iter().copied());
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    for no in candidates {
        let (Some(section), Some(terms)) = (
            index.sections.get(no as usize),
            index.terms.get(no as usize),
        ) else {
            continue;
        };
        if terms.body_lines.is_empty() {
            continue;
        }
        let in_path = plan.context.is_empty()
            || context
                .iter()
                .any(|c| terms.path.iter().any(|h| contains_phrase(h, &c.ids)));
        let in_body = !in_path
            && context
                .iter()
                .any(|c| !index.phrase_positions(no, &c.ids).is_empty());
        let mut total = 0.0;
        let mut specific_focus: Option<Option<u32>> = None;
        let mut service_focus: Option<Option<u32>> = None;
        for (level_no, (weight, support_only, phrases)) in levels.iter().enumerate() {
            if *support_only && total == 0.0 {
                continue;
            }
            let mut best = 0.0f32;
            let mut best_focus = None;
            for r in phrases {
                // A heading that is exactly a distinctive name (`BeforeInstall`,
                // `ProvisionedThroughput`) is about that name wherever it sits.
                let names_it = r.phrase.distinctive
                    && terms.path.last().is_some_and(|h| {
                        contains_phrase(h, &r.ids) && coverage(&filler, h, &r.ids) >= 0.99
                    });
                let share = if in_path || names_it {
                    1.0
                } else if in_body && r.phrase.distinctive {
                    BODY_CONTEXT
                } else if in_body {
                    BODY_CONTEXT_GENERIC
                } else if r.phrase.distinctive {
                    NO_CONTEXT
                } else {
                    continue;
                };
                let (score, focus) = phrase_score(index, no, terms, r, &filler);
                if score * share > best {
                    best = score * share;
                    best_focus = focus;
                }
            }
            if best > 0.0 {
                let slot = if names_service.get(level_no).copied().unwrap_or(false) {
                    &mut service_focus
                } else {
                    &mut specific_focus
                };
                slot.get_or_insert(best_focus);
            }
            total += best * weight;
        }
        let focus_line = specific_focus.or(service_focus).flatten();
        let total = total * boost;
        if total >= MIN_SCORE {
            out.push(Hit {
                section,
                score: total,
                focus_line,
                fingerprint: &terms.fingerprint,
            });
        }
    }
}

/// Jaccard similarity of two sorted, deduplicated hash lists.
fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Whether two hits are the same note (same heading and near-identical body).
fn duplicates(a: &Hit, b: &Hit) -> bool {
    let same_title = text::slug(a.section.title()) == text::slug(b.section.title());
    let sim = similarity(a.fingerprint, b.fingerprint);
    sim >= DUPLICATE_SIMILARITY || (same_title && sim >= DUPLICATE_SIMILARITY - 0.15)
}

/// Ranks the sections of all `indexes` for `plan`, each index's scores multiplied by
/// its boost; at most `limit` hits, best first, near-duplicates removed (the
/// better-scored copy is kept).
pub(crate) fn rank<'a>(
    indexes: &[(&'a NotesIndex, f32)],
    plan: &Plan,
    limit: usize,
) -> Vec<Hit<'a>> {
    let mut hits = Vec::new();
    for (index, boost) in indexes {
        score_index(index, *boost, plan, &mut hits);
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.section.id.cmp(&b.section.id))
    });
    let mut kept: Vec<Hit<'a>> = Vec::new();
    for hit in hits {
        if kept.len() >= limit {
            break;
        }
        if !kept.iter().any(|k| duplicates(k, &hit)) {
            kept.push(hit);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_jaccard() {
        assert!((similarity(&[1, 2, 3, 4], &[2, 3, 4, 5]) - 0.6).abs() < 1e-9);
        assert_eq!(similarity(&[], &[1]), 0.0);
    }
}
