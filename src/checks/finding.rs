//! Building a [`Finding`]: the verdict with its evidence in plain words, the shared "why" and
//! this OS's fix steps, and the raw evidence log, capped so a record stays small.
//!
//! A Pass is only ever built by [`pass`], which needs the evidence it rests on (its *basis*):
//! the finding's evidence then ends with "Based on: …", naming what was actually read.

use super::advice::{fix, why};
use super::{CheckId, Finding, Os, Verdict};

/// What one probe gave: its text, or why there is none (in plain words).
pub(crate) type Probe = Result<String, String>;

/// Most bytes of raw evidence kept in one finding; the rest is cut and the cut is marked.
pub(crate) const RAW_CAP: usize = 16 * 1024;

/// The raw evidence of a check, kept for the record: each probe's command and answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawLog(String);

impl RawLog {
    /// An empty log.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds one probe's answer under `label` (the command, file or query it came from).
    pub(crate) fn add(&mut self, label: &str, probe: &Probe) -> &mut Self {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str("$ ");
        self.0.push_str(label);
        self.0.push('\n');
        match probe {
            Ok(text) => self.0.push_str(text.trim_end()),
            Err(why) => {
                self.0.push_str("(no answer: ");
                self.0.push_str(why);
                self.0.push(')');
            }
        }
        self
    }

    /// Adds a line of already-read text under `label`.
    pub(crate) fn text(&mut self, label: &str, text: impl Into<String>) -> &mut Self {
        self.add(label, &Ok(text.into()))
    }

    /// The log as text, at most [`RAW_CAP`] bytes; a longer log is cut on a character boundary
    /// and says how much was left out.
    pub(crate) fn into_string(self) -> String {
        cap_raw(self.0)
    }
}

/// Cuts `text` to [`RAW_CAP`] bytes, marking the cut.
pub(crate) fn cap_raw(mut text: String) -> String {
    if text.len() <= RAW_CAP {
        return text;
    }
    let total = text.len();
    let mut end = RAW_CAP;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(&format!(
        "\n[… cut here: {} more bytes of raw output were not kept]",
        total - end
    ));
    text
}

/// A finding that is not a Pass (Warn, Fail or Unknown), with the shared `why` and this OS's
/// fix steps.
///
/// A Pass must name its basis: asked for one here, this gives Unknown instead, saying so,
/// so a rule that forgot its basis can never pass (tests catch it).
pub(crate) fn finding(
    check: CheckId,
    os: Os,
    verdict: Verdict,
    evidence: impl Into<String>,
    raw: RawLog,
) -> Finding {
    let evidence = evidence.into();
    if verdict == Verdict::Pass {
        log::error!("check {check}: a pass without a named basis was turned into Unknown");
        return build(
            check,
            os,
            Verdict::Unknown,
            format!("{evidence} (this result names no evidence it rests on, so it is not a pass)"),
            raw,
        );
    }
    build(check, os, verdict, evidence, raw)
}

/// A finding from a shared rule's judgement: a Pass with what it rests on, anything else as
/// judged.
pub(crate) fn judged(check: CheckId, os: Os, j: super::judge::Judged, raw: RawLog) -> Finding {
    if j.verdict == Verdict::Pass {
        pass(check, os, j.evidence, &j.basis, raw)
    } else {
        finding(check, os, j.verdict, j.evidence, raw)
    }
}

/// A Pass: `evidence` says what was found, `basis` what was read to find it (in plain words,
/// e.g. "the firewall settings Windows reports for each kind of network").
pub(crate) fn pass(
    check: CheckId,
    os: Os,
    evidence: impl Into<String>,
    basis: &str,
    raw: RawLog,
) -> Finding {
    let evidence = evidence.into();
    if basis.trim().is_empty() {
        return finding(check, os, Verdict::Pass, evidence, raw);
    }
    build(
        check,
        os,
        Verdict::Pass,
        format!("{evidence}. Based on: {basis}."),
        raw,
    )
}

/// An Unknown finding: the check could not read its answer, for `reason`.
pub(crate) fn unknown(check: CheckId, os: Os, reason: impl Into<String>, raw: RawLog) -> Finding {
    finding(check, os, Verdict::Unknown, reason, raw)
}

fn build(check: CheckId, os: Os, verdict: Verdict, evidence: String, raw: RawLog) -> Finding {
    Finding {
        check,
        verdict,
        evidence,
        why: why(check).to_owned(),
        fix: if verdict == Verdict::Pass {
            Vec::new()
        } else {
            fix(check, os).iter().map(|s| (*s).to_owned()).collect()
        },
        raw: raw.into_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_given_unless_it_passes() {
        let f = finding(
            CheckId::Firewall,
            Os::Linux,
            Verdict::Fail,
            "off",
            RawLog::new(),
        );
        assert!(f.fix[0].contains("ufw"));
        let f = pass(
            CheckId::Firewall,
            Os::Linux,
            "on",
            "/etc/ufw/ufw.conf",
            RawLog::new(),
        );
        assert_eq!(f.verdict, Verdict::Pass);
        assert!(f.fix.is_empty());
        assert_eq!(f.evidence, "on. Based on: /etc/ufw/ufw.conf.");
        assert!(!f.why.is_empty());
    }

    #[test]
    fn a_pass_without_a_basis_is_never_a_pass() {
        let f = finding(
            CheckId::Firewall,
            Os::Linux,
            Verdict::Pass,
            "on",
            RawLog::new(),
        );
        assert_eq!(f.verdict, Verdict::Unknown);
        let f = pass(CheckId::Firewall, Os::Linux, "on", " ", RawLog::new());
        assert_eq!(f.verdict, Verdict::Unknown);
    }

    #[test]
    fn raw_evidence_is_capped_and_the_cut_is_marked() {
        let mut raw = RawLog::new();
        raw.add("cat big.conf", &Ok("é".repeat(20_000)));
        let text = raw.into_string();
        assert!(text.len() < RAW_CAP + 100, "{}", text.len());
        assert!(text.contains("more bytes of raw output were not kept"));
        let mut small = RawLog::new();
        small.add("id -nG", &Err("timed out".into()));
        assert_eq!(small.into_string(), "$ id -nG\n(no answer: timed out)");
    }
}
