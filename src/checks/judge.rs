//! The rules every OS shares: the OS modules gather typed facts (when the last update was
//! installed, since when a restart is pending, how old the anti-virus signatures are, after how
//! long the screen locks), and these pure functions judge them against the [`Policy`] the same
//! way on Windows, macOS and Linux.
//!
//! A date in the future or before 2000, a duration that overflows, a fact that could not be
//! read: each gives Unknown with the reason, never a Pass.

use chrono::{DateTime, Duration, TimeZone as _, Utc};

use super::{Policy, Verdict};

/// A verdict with its evidence and, for a Pass, what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judged {
    /// The verdict.
    pub(crate) verdict: Verdict,
    /// What was found, in plain words.
    pub(crate) evidence: String,
    /// What was read to find it (used by a Pass).
    pub(crate) basis: String,
}

impl Judged {
    fn new(verdict: Verdict, evidence: impl Into<String>, basis: impl Into<String>) -> Self {
        Self {
            verdict,
            evidence: evidence.into(),
            basis: basis.into(),
        }
    }
}

/// A fact read from this computer, with where it came from (in plain words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sourced<T> {
    /// The fact, or why it could not be read.
    pub(crate) value: Result<T, String>,
    /// Where it was read from, e.g. "the Windows Update history".
    pub(crate) source: String,
}

impl<T> Sourced<T> {
    /// A fact read from `source`.
    pub(crate) fn read(value: T, source: impl Into<String>) -> Self {
        Self {
            value: Ok(value),
            source: source.into(),
        }
    }

    /// A fact that could not be read from `source`, for `why`.
    pub(crate) fn unread(why: impl Into<String>, source: impl Into<String>) -> Self {
        Self {
            value: Err(why.into()),
            source: source.into(),
        }
    }
}

/// Whether updates install by themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Automatic {
    /// They do; the text says how ("Windows installs updates automatically").
    On(String),
    /// They do not; the text says why ("updates are paused until March 3, 2027").
    Off(String),
}

/// Whether a restart is waiting to finish installing updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Restart {
    /// No restart is pending (read from the source).
    NotPending,
    /// A restart has been pending since this time.
    PendingSince(DateTime<Utc>),
    /// A restart is pending; since when is not recorded.
    Pending,
    /// This OS does not tell, without administrator rights, whether a restart is pending: the
    /// rule judges the rest and says so.
    NotExposed(String),
}

/// What the update checks are judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UpdateFacts {
    /// Whether updates install automatically.
    pub(crate) automatic: Sourced<Automatic>,
    /// When the last update was installed; `Ok(None)` when none is recorded at all.
    pub(crate) last_installed: Sourced<Option<DateTime<Utc>>>,
    /// Whether a restart is pending.
    pub(crate) restart: Sourced<Restart>,
}

/// How long ago `at` was, in whole days, or why it cannot be used: a date in the future (beyond
/// ten minutes of clock difference) or before 2000 is not believed.
pub(crate) fn age_days(at: DateTime<Utc>, now: DateTime<Utc>, what: &str) -> Result<i64, String> {
    if at > now + Duration::minutes(10) {
        return Err(format!(
            "{what} is dated in the future ({}), so it cannot be trusted; check the computer's clock",
            at.format("%B %-d, %Y")
        ));
    }
    let earliest = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).single();
    if earliest.is_some_and(|e| at < e) {
        return Err(format!(
            "{what} is dated {}, which cannot be right",
            at.format("%B %-d, %Y")
        ));
    }
    Ok((now - at).num_days().max(0))
}

/// "today", "1 day ago", "3 days ago".
pub(crate) fn days_ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    }
}

/// When the last update was installed, judged: within the policy's limit or not.
fn last_update(
    facts: &UpdateFacts,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<(bool, String), String> {
    let max = policy.last_update_max_days;
    match &facts.last_installed.value {
        Ok(Some(at)) => {
            let age = age_days(*at, now, "The last update")?;
            let recent = age <= i64::from(max);
            let mut text = format!("the last update was installed {}", days_ago(age));
            if !recent {
                text.push_str(&format!(" (more than {max} days)"));
            }
            Ok((recent, text))
        }
        Ok(None) => Ok((false, "no installed update is recorded".to_owned())),
        Err(why) => Err(format!(
            "when updates were last installed could not be read ({why})"
        )),
    }
}

/// `auto-updates`: Pass when updates install automatically, or when they do not but the last
/// update was installed within `last_update_max_days` (the memo: "turn on automatic updates or
/// promptly download all updates"); the evidence says which. Fail when they are off and the
/// last update is older or none is recorded. Unknown when neither could be shown.
pub(crate) fn auto_updates(facts: &UpdateFacts, policy: &Policy, now: DateTime<Utc>) -> Judged {
    let last = last_update(facts, policy, now);
    let auto_source = &facts.automatic.source;
    let last_source = &facts.last_installed.source;
    match (&facts.automatic.value, last) {
        (Ok(Automatic::On(how)), _) => Judged::new(Verdict::Pass, how.clone(), auto_source.clone()),
        (Ok(Automatic::Off(why)), Ok((true, text))) => Judged::new(
            Verdict::Pass,
            format!("{why}, but updates are installed promptly by hand: {text}"),
            format!("{auto_source}; {last_source}"),
        ),
        (Ok(Automatic::Off(why)), Ok((false, text))) => {
            Judged::new(Verdict::Fail, format!("{why}, and {text}"), String::new())
        }
        (Ok(Automatic::Off(why)), Err(last_why)) => Judged::new(
            Verdict::Fail,
            format!("{why}, and there is no sign that updates are installed by hand: {last_why}"),
            String::new(),
        ),
        (Err(auto_why), Ok((true, text))) => Judged::new(
            Verdict::Pass,
            format!(
                "Updates are installed promptly: {text} (whether they install automatically could not be read: {auto_why})"
            ),
            last_source.clone(),
        ),
        (Err(auto_why), Ok((false, text))) => Judged::new(
            Verdict::Unknown,
            format!(
                "Whether updates install automatically could not be read ({auto_why}), and {text}"
            ),
            String::new(),
        ),
        (Err(auto_why), Err(last_why)) => Judged::new(
            Verdict::Unknown,
            format!(
                "Whether updates install automatically could not be read ({auto_why}); {last_why}"
            ),
            String::new(),
        ),
    }
}

/// `recent-updates`: the last update within `last_update_max_days`, and no restart pending for
/// more than `restart_pending_max_days` (pending for less is a warning). Same rule on every OS.
pub(crate) fn recent_updates(facts: &UpdateFacts, policy: &Policy, now: DateTime<Utc>) -> Judged {
    let (mut verdict, mut text) = match last_update(facts, policy, now) {
        Ok((true, text)) => (Verdict::Pass, capitalised(&text)),
        Ok((false, text)) => (Verdict::Fail, capitalised(&text)),
        Err(why) => return Judged::new(Verdict::Unknown, capitalised(&why), String::new()),
    };
    let mut basis = facts.last_installed.source.clone();
    let max = policy.restart_pending_max_days;
    match &facts.restart.value {
        Ok(Restart::NotPending) => {
            text.push_str("; no restart is pending");
            basis.push_str(&format!("; {}", facts.restart.source));
        }
        Ok(Restart::PendingSince(since)) => match age_days(*since, now, "The pending restart") {
            Ok(days) => {
                text.push_str(&format!(
                    "; a restart to finish installing updates has been pending since {}",
                    days_ago(days)
                ));
                if days > i64::from(max) {
                    text.push_str(&format!(" (more than {max} days)"));
                    verdict = Verdict::Fail;
                } else {
                    verdict = worst(verdict, Verdict::Warn);
                }
            }
            Err(why) => {
                text.push_str(&format!("; {why}"));
                verdict = worst(verdict, Verdict::Unknown);
            }
        },
        Ok(Restart::Pending) => {
            text.push_str(
                "; a restart to finish installing updates is pending (since when is not recorded)",
            );
            verdict = worst(verdict, Verdict::Warn);
        }
        Ok(Restart::NotExposed(why)) => {
            text.push_str(&format!("; {why}"));
        }
        Err(why) => {
            text.push_str(&format!(
                "; whether a restart is pending could not be read ({why})"
            ));
            verdict = worst(verdict, Verdict::Unknown);
        }
    }
    Judged::new(verdict, text, basis)
}

/// The worse of two verdicts, for combining parts of one check: Fail over Unknown over Warn
/// over Pass.
pub(crate) fn worst(a: Verdict, b: Verdict) -> Verdict {
    let rank = |v: Verdict| match v {
        Verdict::Pass => 0,
        Verdict::Warn => 1,
        Verdict::Unknown => 2,
        Verdict::Fail => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// What is known of one anti-virus product's signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Signatures {
    /// Last updated at this time.
    UpdatedAt(DateTime<Utc>),
    /// This many days old, as the product itself counts.
    AgeDays(u32),
    /// The product reports them current (it keeps its own schedule; no date is given).
    ReportedCurrent,
    /// The product reports them out of date.
    ReportedOutOfDate,
}

/// Judges signature freshness against `antivirus_signature_max_days`: `Ok(true)` current,
/// `Ok(false)` out of date, with the words; `Err` when the date cannot be believed.
pub(crate) fn signatures_current(
    signatures: &Signatures,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<(bool, String), String> {
    let max = i64::from(policy.antivirus_signature_max_days);
    let by_age = |age: i64| {
        let mut text = format!("signatures updated {}", days_ago(age));
        if age > max {
            text.push_str(&format!(" (more than {max} days)"));
        }
        (age <= max, text)
    };
    match signatures {
        Signatures::UpdatedAt(at) => Ok(by_age(age_days(*at, now, "The signature update")?)),
        Signatures::AgeDays(days) => Ok(by_age(i64::from(*days))),
        Signatures::ReportedCurrent => Ok((true, "signatures reported up to date".to_owned())),
        Signatures::ReportedOutOfDate => Ok((false, "signatures reported out of date".to_owned())),
    }
}

/// After how long idle the screen locks, as an OS module found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IdleLock {
    /// The screen locks after this many seconds idle; the text says how ("the screen saver
    /// starts after 10 minutes and asks for the password").
    After(u64, String),
    /// The screen never locks by itself; the text says why.
    Never(String),
}

/// `screen-lock`: locks after at most `screen_lock_max_seconds` idle.
pub(crate) fn idle_lock(lock: &IdleLock, basis: &str, policy: &Policy) -> Judged {
    let max = u64::from(policy.screen_lock_max_seconds);
    match lock {
        IdleLock::After(0, how) => Judged::new(
            Verdict::Fail,
            format!("{how}: a wait of 0 means the screen never locks by itself"),
            String::new(),
        ),
        IdleLock::After(secs, how) if *secs <= max => Judged::new(
            Verdict::Pass,
            format!(
                "The screen locks after {} idle: {how}",
                duration_words(*secs)
            ),
            basis,
        ),
        IdleLock::After(secs, how) => Judged::new(
            Verdict::Fail,
            format!(
                "The screen locks only after {} idle (limit {}): {how}",
                duration_words(*secs),
                duration_words(max)
            ),
            String::new(),
        ),
        IdleLock::Never(why) => Judged::new(Verdict::Fail, why.clone(), String::new()),
    }
}

/// "15 minutes", "90 seconds", "2 hours".
pub(crate) fn duration_words(secs: u64) -> String {
    match secs {
        s if s >= 3600 && s.is_multiple_of(3600) => plural(s / 3600, "hour"),
        s if s >= 60 && s.is_multiple_of(60) => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn facts(auto: Result<Automatic, String>, last: Result<Option<&str>, String>) -> UpdateFacts {
        UpdateFacts {
            automatic: Sourced {
                value: auto,
                source: "the update settings".into(),
            },
            last_installed: Sourced {
                value: last.map(|l| l.map(at)),
                source: "the update history".into(),
            },
            restart: Sourced::read(Restart::NotPending, "the restart flag"),
        }
    }

    const NOW: &str = "2026-11-24T12:00:00Z";

    #[test]
    fn automatic_updates_on_pass_on_their_own() {
        let j = auto_updates(
            &facts(
                Ok(Automatic::On("Updates install automatically".into())),
                Err("x".into()),
            ),
            &Policy::default(),
            at(NOW),
        );
        assert_eq!(j.verdict, Verdict::Pass);
        assert_eq!(j.basis, "the update settings");
    }

    #[test]
    fn updates_off_pass_only_when_installed_promptly_by_hand() {
        let off = || Ok(Automatic::Off("Automatic updates are off".into()));
        let p = Policy::default();
        let j = auto_updates(&facts(off(), Ok(Some("2026-11-20T00:00:00Z"))), &p, at(NOW));
        assert_eq!(j.verdict, Verdict::Pass, "{}", j.evidence);
        assert!(
            j.evidence.contains("installed promptly by hand"),
            "{}",
            j.evidence
        );
        assert!(j.basis.contains("the update history"), "{}", j.basis);
        let j = auto_updates(&facts(off(), Ok(Some("2026-08-01T00:00:00Z"))), &p, at(NOW));
        assert_eq!(j.verdict, Verdict::Fail, "{}", j.evidence);
        assert_eq!(
            auto_updates(&facts(off(), Ok(None)), &p, at(NOW)).verdict,
            Verdict::Fail
        );
        assert_eq!(
            auto_updates(&facts(off(), Err("denied".into())), &p, at(NOW)).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn unreadable_update_settings_never_pass_without_a_recent_update() {
        let p = Policy::default();
        let unread = || Err("the services could not be read".to_owned());
        assert_eq!(
            auto_updates(&facts(unread(), Err("no history".into())), &p, at(NOW)).verdict,
            Verdict::Unknown
        );
        assert_eq!(
            auto_updates(
                &facts(unread(), Ok(Some("2026-01-01T00:00:00Z"))),
                &p,
                at(NOW)
            )
            .verdict,
            Verdict::Unknown
        );
        let j = auto_updates(
            &facts(unread(), Ok(Some("2026-11-23T00:00:00Z"))),
            &p,
            at(NOW),
        );
        assert_eq!(j.verdict, Verdict::Pass, "{}", j.evidence);
        assert_eq!(j.basis, "the update history");
        // A last update dated in the future is not evidence of anything.
        assert_eq!(
            auto_updates(
                &facts(unread(), Ok(Some("2027-06-01T00:00:00Z"))),
                &p,
                at(NOW)
            )
            .verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn regression_a_status_file_dated_in_the_future_is_unknown_not_updated_today() {
        let f = facts(
            Ok(Automatic::Off("x".into())),
            Ok(Some("2030-01-01T00:00:00Z")),
        );
        let j = recent_updates(&f, &Policy::default(), at(NOW));
        assert_eq!(j.verdict, Verdict::Unknown, "{}", j.evidence);
        assert!(j.evidence.contains("future"), "{}", j.evidence);
        let f = facts(
            Ok(Automatic::Off("x".into())),
            Ok(Some("1970-01-01T00:00:00Z")),
        );
        assert_eq!(
            recent_updates(&f, &Policy::default(), at(NOW)).verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn the_restart_rule_is_the_same_everywhere() {
        let p = Policy::default();
        let mut f = facts(
            Ok(Automatic::Off("x".into())),
            Ok(Some("2026-11-20T00:00:00Z")),
        );
        let j = recent_updates(&f, &p, at(NOW));
        assert_eq!(j.verdict, Verdict::Pass, "{}", j.evidence);
        assert!(j.basis.contains("the restart flag"));
        f.restart = Sourced::read(Restart::PendingSince(at("2026-11-22T00:00:00Z")), "flag");
        assert_eq!(recent_updates(&f, &p, at(NOW)).verdict, Verdict::Warn);
        f.restart = Sourced::read(Restart::PendingSince(at("2026-11-01T00:00:00Z")), "flag");
        let j = recent_updates(&f, &p, at(NOW));
        assert_eq!(j.verdict, Verdict::Fail);
        assert!(
            j.evidence.contains("pending since 23 days ago"),
            "{}",
            j.evidence
        );
        f.restart = Sourced::read(Restart::Pending, "flag");
        assert_eq!(recent_updates(&f, &p, at(NOW)).verdict, Verdict::Warn);
        f.restart = Sourced::unread("denied", "flag");
        assert_eq!(recent_updates(&f, &p, at(NOW)).verdict, Verdict::Unknown);
        f.restart = Sourced::read(Restart::NotExposed("macOS does not say".into()), "-");
        assert_eq!(recent_updates(&f, &p, at(NOW)).verdict, Verdict::Pass);
        // An old update stays a failure whatever the restart state.
        let mut old = facts(
            Ok(Automatic::Off("x".into())),
            Ok(Some("2026-01-01T00:00:00Z")),
        );
        old.restart = Sourced::unread("denied", "flag");
        assert_eq!(recent_updates(&old, &p, at(NOW)).verdict, Verdict::Fail);
    }

    #[test]
    fn signature_age_and_idle_lock_thresholds() {
        let p = Policy::default();
        let now = at(NOW);
        assert!(
            signatures_current(&Signatures::AgeDays(7), &p, now)
                .unwrap()
                .0
        );
        assert!(
            !signatures_current(&Signatures::AgeDays(8), &p, now)
                .unwrap()
                .0
        );
        assert!(
            signatures_current(&Signatures::UpdatedAt(at("2027-01-01T00:00:00Z")), &p, now)
                .is_err()
        );
        let basis = "the screen saver settings";
        assert_eq!(
            idle_lock(&IdleLock::After(900, "x".into()), basis, &p).verdict,
            Verdict::Pass
        );
        assert_eq!(
            idle_lock(&IdleLock::After(901, "x".into()), basis, &p).verdict,
            Verdict::Fail
        );
        assert_eq!(
            idle_lock(&IdleLock::After(0, "x".into()), basis, &p).verdict,
            Verdict::Fail
        );
        assert_eq!(duration_words(900), "15 minutes");
        assert_eq!(duration_words(7200), "2 hours");
        assert_eq!(duration_words(61), "61 seconds");
    }
}
