//! "Did you mean" suggestions by edit distance, shared by every analysis.

/// The candidate closest to `word`, when it is close enough to be a likely
/// typo: at most a third of the word's length in edits (case differences cost
/// nothing extra), and never `word` itself.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = if candidate.eq_ignore_ascii_case(word) {
            0
        } else {
            strsim::damerau_levenshtein(&lower, &candidate.to_ascii_lowercase())
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `"; did you mean `X`?"` when there is a close candidate, else "".
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    match closest(word, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case_slips_but_not_strangers() {
        let types = ["AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::SNS::Topic"];
        assert_eq!(closest("AWS::S3::Buckt", types), Some("AWS::S3::Bucket"));
        assert_eq!(closest("aws::s3::bucket", types), Some("AWS::S3::Bucket"));
        assert_eq!(closest("AWS::EC2::Instance", types), None);
        assert_eq!(
            did_you_mean("BuketName", ["BucketName"]),
            "; did you mean `BucketName`?"
        );
        assert_eq!(did_you_mean("Zzz", ["BucketName"]), "");
    }
}
