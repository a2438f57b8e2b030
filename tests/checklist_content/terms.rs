//! Technical terms that a clerk may not know, and whether an item explains the ones it uses.
//!
//! The rule: an item (its `text`, `why` and `how` together) that uses a term must explain it at
//! least once, in one of these four ways:
//!
//! - (a) the term is followed by a parenthesis of at least three words:
//!   `BitLocker (the disk lock built into Windows)`;
//! - (b) the term is followed by "is", "are" or "means" and at least four more words in the same
//!   sentence: `Phishing is an email that tries to trick you.`;
//!
//!   in (a) and (b), one or two words may complete the term first: `multi-factor sign-in (…)`,
//!   `a secure file-transfer method is …`;
//! - (c) the term comes right after "called" or "known as", with at least three words before
//!   that in the same sentence: `a code from your phone as well as a password, called
//!   multi-factor sign-in`;
//! - (d) the term stands alone in a parenthesis right after at least three words that say what
//!   it is: `the federal cyber defense agency (CISA)`.
//!
//! Terms joined in a list ("SPF, DKIM and DMARC", "WPA2 or WPA3") count as one: an explanation of
//! the list explains each of them. Terms are found without regard to case, as whole words. Once
//! explained, a term may be used freely in the same item; another item must explain it again,
//! because a clerk reads items one at a time.

/// A term and the ways it is written.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The term's name in messages.
    pub name: &'static str,
    /// How it may be written, any case.
    pub forms: &'static [&'static str],
}

/// The technical terms the shipped items must explain where they use them.
pub const TERMS: &[Term] = &[
    Term {
        name: "BitLocker",
        forms: &["BitLocker"],
    },
    Term {
        name: "FileVault",
        forms: &["FileVault"],
    },
    Term {
        name: "recovery key",
        forms: &["recovery key", "recovery keys"],
    },
    Term {
        name: "WPA2/WPA3",
        forms: &["WPA2", "WPA3", "WPA"],
    },
    Term {
        name: "macros",
        forms: &["macro", "macros"],
    },
    Term {
        name: "multi-factor",
        forms: &["multi-factor", "multifactor", "MFA"],
    },
    Term {
        name: "two-factor",
        forms: &["two-factor", "2FA"],
    },
    Term {
        name: "two-step",
        forms: &["two-step", "2-step"],
    },
    Term {
        name: "ransomware",
        forms: &["ransomware"],
    },
    Term {
        name: "test deck",
        forms: &["test deck"],
    },
    Term {
        name: "secure file-transfer",
        forms: &[
            "secure file-transfer",
            "secure file transfer",
            "file-transfer",
            "SFTP",
        ],
    },
    Term {
        name: "phishing",
        forms: &["phishing", "phish", "spear-phishing"],
    },
    Term {
        name: "encryption",
        forms: &[
            "encrypt",
            "encrypts",
            "encrypted",
            "encrypting",
            "encryption",
        ],
    },
    Term {
        name: "VPN",
        forms: &["VPN", "virtual private network"],
    },
    Term {
        name: "firewall",
        forms: &["firewall", "firewalls"],
    },
    Term {
        name: "SPF/DKIM/DMARC",
        forms: &["SPF", "DKIM", "DMARC"],
    },
    Term {
        name: "denial of service",
        forms: &["denial-of-service", "denial of service", "DDoS", "DoS"],
    },
    Term {
        name: "tabletop exercise",
        forms: &["tabletop exercise", "tabletop"],
    },
    Term {
        name: "password manager",
        forms: &["password manager", "password managers"],
    },
    Term {
        name: "remote-access",
        forms: &["remote-access", "remote access"],
    },
    Term {
        name: "operating system",
        forms: &["operating system", "operating systems"],
    },
    Term {
        name: "User Account Control",
        forms: &["User Account Control", "UAC"],
    },
    Term {
        name: "EI-ISAC",
        forms: &["EI-ISAC", "MS-ISAC", "ISAC"],
    },
    Term {
        name: "CISA",
        forms: &["CISA"],
    },
    Term {
        name: "chain of custody",
        forms: &["chain-of-custody", "chain of custody"],
    },
    Term {
        name: "tamper-evident",
        forms: &["tamper-evident"],
    },
    Term {
        name: "modem",
        forms: &["modem", "modems"],
    },
    Term {
        name: ".gov domain",
        forms: &[".gov"],
    },
    Term {
        name: "logic and accuracy test",
        forms: &["logic and accuracy"],
    },
    Term {
        name: "administrator account",
        forms: &["administrator", "administrators", "admin"],
    },
];

/// One use of a term in an item's text (all fields joined).
#[derive(Debug, Clone, Copy)]
struct Use {
    term: usize,
    start: usize,
    end: usize,
}

/// The terms an item uses without explaining them, by name, in the order of `TERMS`.
pub fn unexplained_terms(fields: &[&str]) -> Vec<&'static str> {
    // Fields are joined with a sentence break, so a rule never reaches across two fields.
    let text = fields.join(".\n");
    let lower = text.to_ascii_lowercase();
    let uses = find_uses(&lower);
    let mut seen = vec![false; TERMS.len()];
    let mut explained = vec![false; TERMS.len()];
    for (i, u) in uses.iter().enumerate() {
        seen[u.term] = true;
        let (first, last) = list_around(&lower, &uses, i);
        if explained_after(&lower[uses[last].end..])
            || explained_before(&lower[..uses[first].start], &lower[uses[last].end..])
        {
            explained[u.term] = true;
        }
    }
    TERMS
        .iter()
        .enumerate()
        .filter(|(i, _)| seen[*i] && !explained[*i])
        .map(|(_, t)| t.name)
        .collect()
}

/// Every use of every term in `lower`, longest match first, without overlaps, in text order.
fn find_uses(lower: &str) -> Vec<Use> {
    let mut found = Vec::new();
    for (term, t) in TERMS.iter().enumerate() {
        for form in t.forms {
            let form = form.to_ascii_lowercase();
            for (start, _) in lower.match_indices(&form) {
                let end = start + form.len();
                if is_boundary(lower, start, end) {
                    found.push(Use { term, start, end });
                }
            }
        }
    }
    // Longer uses first at the same place; then drop any use inside an earlier, longer one.
    found.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
    let mut uses: Vec<Use> = Vec::new();
    for u in found {
        if uses.last().is_none_or(|prev| u.start >= prev.end) {
            uses.push(u);
        }
    }
    uses
}

/// True when `lower[start..end]` is a whole word: no letter or digit just before or after.
fn is_boundary(lower: &str, start: usize, end: usize) -> bool {
    let before = lower[..start].chars().next_back();
    let after = lower[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The first and last use of the list of terms that use `i` belongs to ("A, B and C").
fn list_around(lower: &str, uses: &[Use], i: usize) -> (usize, usize) {
    let joined = |a: &Use, b: &Use| is_list_joint(&lower[a.end..b.start]);
    let mut first = i;
    while first > 0 && joined(&uses[first - 1], &uses[first]) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < uses.len() && joined(&uses[last], &uses[last + 1]) {
        last += 1;
    }
    (first, last)
}

/// True for the text between two listed terms: ", ", " and ", " or ", ", and ", "/".
fn is_list_joint(between: &str) -> bool {
    matches!(between.trim(), "," | "and" | "or" | ", and" | ", or" | "/")
}

/// Rules (a) and (b), looking at the text right after the term, or after one or two words that
/// complete it ("multi-factor sign-in (…)", "secure file-transfer method is …").
fn explained_after(after: &str) -> bool {
    let mut rest = after;
    for _ in 0..3 {
        if explained_right_here(rest) {
            return true;
        }
        let trimmed = rest.trim_start();
        let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        if word.is_empty() || word.contains(['.', ',', '(', ')', '!', '?', ':', ';']) {
            return false;
        }
        rest = &trimmed[word_end..];
    }
    false
}

/// Rule (a) or (b) at the very start of `rest`.
fn explained_right_here(rest: &str) -> bool {
    let rest = rest.trim_start();
    if let Some(inside) = rest.strip_prefix('(') {
        let inside = inside.split(')').next().unwrap_or_default();
        return word_count(inside) >= 3;
    }
    let sentence = sentence_part(rest);
    ["is ", "are ", "means "].iter().any(|verb| {
        sentence
            .strip_prefix(verb)
            .is_some_and(|definition| word_count(definition) >= 4)
    })
}

/// Rules (c) and (d), looking at the text before the term (and, for (d), just after it).
fn explained_before(before: &str, after: &str) -> bool {
    let sentence_start = before.rfind(['.', '!', '?', '\n']).map_or(0, |p| p + 1);
    let sentence = &before[sentence_start..];
    for marker in ["called ", "known as "] {
        if let Some(lead) = sentence.strip_suffix(marker) {
            return word_count(lead) >= 3;
        }
    }
    if let Some(lead) = sentence.strip_suffix('(') {
        return after.starts_with(')') && word_count(lead) >= 3;
    }
    false
}

/// The text up to the end of the sentence.
fn sentence_part(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '\n')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_term_is_unexplained() {
        assert_eq!(
            unexplained_terms(&["Turn on BitLocker."]),
            vec!["BitLocker"]
        );
        assert_eq!(
            unexplained_terms(&["Use WPA2.", "Old Wi-Fi is weak.", "Ask IT."]),
            vec!["WPA2/WPA3"]
        );
    }

    #[test]
    fn a_parenthesis_of_three_words_explains_a_term() {
        assert!(unexplained_terms(&["Turn on BitLocker (the disk lock in Windows)."]).is_empty());
        assert_eq!(
            unexplained_terms(&["Turn on MFA (yes)."]),
            vec!["multi-factor"]
        );
    }

    #[test]
    fn a_defining_sentence_explains_a_term() {
        assert!(unexplained_terms(&["Phishing is an email that tries to trick you."]).is_empty());
        assert_eq!(unexplained_terms(&["Phishing is bad."]), vec!["phishing"]);
    }

    #[test]
    fn called_and_a_trailing_acronym_explain_a_term() {
        assert!(
            unexplained_terms(&[
                "Ask for a code from your phone as well as the password, called multi-factor sign-in."
            ])
            .is_empty()
        );
        assert!(unexplained_terms(&["Tell the federal cyber defense agency (CISA)."]).is_empty());
        assert_eq!(unexplained_terms(&["Tell them (CISA)."]), vec!["CISA"]);
    }

    #[test]
    fn a_list_is_explained_as_a_whole() {
        assert!(
            unexplained_terms(&["Set up SPF, DKIM and DMARC (settings that prove your mail)."])
                .is_empty()
        );
        assert!(
            unexplained_terms(&["Use WPA2 or WPA3 (the lock on the Wi-Fi network)."]).is_empty()
        );
    }

    #[test]
    fn an_explanation_in_one_field_covers_the_others_but_not_other_items() {
        let item = [
            "Turn on multi-factor sign-in.",
            "A stolen password is not enough.",
            "Multi-factor sign-in means you also type a code from your phone.",
        ];
        assert!(unexplained_terms(&item).is_empty());
        assert_eq!(
            unexplained_terms(&["Use multi-factor sign-in for results."]),
            vec!["multi-factor"]
        );
    }

    #[test]
    fn terms_are_whole_words() {
        assert!(unexplained_terms(&["Dosage and macroscopic views."]).is_empty());
        assert_eq!(
            unexplained_terms(&["The data is encrypted."]),
            vec!["encryption"]
        );
    }
}
