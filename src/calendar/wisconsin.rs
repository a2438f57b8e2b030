//! Wisconsin's regular elections, computed from the statutes that set their dates.
//!
//! Each rule cites the subsection it comes from. The rules are those in force since 2012: 2011
//! Wisconsin Act 45 moved the presidential preference vote back from the spring primary to the
//! spring election, and 2011 Wisconsin Act 75 moved the partisan primary from the second Tuesday
//! in September to the second Tuesday in August. Before 2012 the dates were different, so no
//! regular election is computed for an earlier year (see [`FIRST_YEAR`]).

use chrono::{Days, NaiveDate, Weekday};

use super::model::{Election, ElectionKind};

/// The first year the current rules apply to (the first election year under 2011 Wisconsin Acts
/// 45 and 75). [`regular_elections`] computes nothing for earlier years.
pub const FIRST_YEAR: i32 = 2012;

/// The spring primary: the third Tuesday in February, every year.
///
/// Wis. Stat. § 5.02(22): "Spring primary" means the nonpartisan primary held on the 3rd
/// Tuesday in February to nominate nonpartisan candidates to be voted for at the spring election
/// (text as amended by 2011 Wis. Act 45, § 2, which also removed the presidential preference vote
/// from it). No exception moving this date (e.g. for a holiday or a conflict) was found in
/// § 5.02(22) or in the acts amending it, so none is applied. The primary is held only where a
/// contest needs one (Wis. Stat. § 8.11), but the date is the same everywhere.
pub fn spring_primary(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 2, Weekday::Tue, 3)
}

/// The spring election: the first Tuesday in April, every year.
///
/// Wis. Stat. § 5.02(21): "Spring election" means the election held on the first Tuesday in
/// April to elect judicial, educational and municipal officers, nonpartisan county officers and
/// sewerage commissioners, and to express preferences for the person to be the presidential
/// candidate for each party in a year in which electors for president and vice president are to
/// be elected (the last clause added by 2011 Wis. Act 45, § 1). See
/// [`has_presidential_preference_vote`].
pub fn spring_election(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 4, Weekday::Tue, 1)
}

/// Whether the spring election of `year` also holds the presidential preference vote: in every
/// year in which electors for president and vice president are elected, that is every fourth
/// year (2016, 2020, 2024, 2028, …; 2100 too, although it is not a leap year).
///
/// Wis. Stat. § 5.02(21) (quoted on [`spring_election`]) and § 8.12 (the presidential preference
/// vote; its subsections (1) and (3) were amended by 2011 Wis. Act 45 to hold the vote at the
/// spring election; the current text of § 8.12 itself was not read when this was written).
pub fn has_presidential_preference_vote(year: i32) -> bool {
    year.rem_euclid(4) == 0
}

/// The partisan primary: the second Tuesday in August of even-numbered years.
///
/// Wis. Stat. § 5.02(12s): "Partisan primary" means the primary held the 2nd Tuesday in August to
/// nominate candidates to be voted for at the general election. 2011 Wis. Act 75 created this
/// subsection by renumbering and amending § 5.02(18) ("September primary", the 2nd Tuesday in
/// September). It nominates candidates for the general election, which is held only in
/// even-numbered years (§ 5.02(5)), so there is no partisan primary in odd years.
///
/// Note: the wording of § 5.02(12s) above was read from a secondary quotation; the renumbering by
/// 2011 Act 75 and the move to August were confirmed from the act's published title and from the
/// Government Accountability Board's announcement of the first August primary (August 14, 2012).
pub fn partisan_primary(year: i32) -> Option<NaiveDate> {
    if year.rem_euclid(2) != 0 {
        return None;
    }
    NaiveDate::from_weekday_of_month_opt(year, 8, Weekday::Tue, 2)
}

/// The general election: the Tuesday after the first Monday in November of even-numbered years
/// (so November 2 to 8, never November 1).
///
/// Wis. Stat. § 5.02(5): "General election" means the election held in even-numbered years on the
/// Tuesday after the first Monday in November (to elect United States senators, representatives
/// in congress, presidential electors, state and county officers…). The same day is set by
/// Wis. Const. art. XIII, § 1 ("the Tuesday next succeeding the first Monday of November in
/// even-numbered years").
pub fn general_election(year: i32) -> Option<NaiveDate> {
    if year.rem_euclid(2) != 0 {
        return None;
    }
    NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)
        .and_then(|monday| monday.checked_add_days(Days::new(1)))
}

/// Every regular election of `year`, by date. Empty for years before [`FIRST_YEAR`].
///
/// In a presidential year the spring election and the presidential preference vote are one
/// entry: they are one election day.
pub fn regular_elections(year: i32) -> Vec<Election> {
    if year < FIRST_YEAR {
        return Vec::new();
    }
    let spring_kind = if has_presidential_preference_vote(year) {
        ElectionKind::SpringElectionWithPresidentialPreference
    } else {
        ElectionKind::SpringElection
    };
    [
        (ElectionKind::SpringPrimary, spring_primary(year)),
        (spring_kind, spring_election(year)),
        (ElectionKind::PartisanPrimary, partisan_primary(year)),
        (ElectionKind::GeneralElection, general_election(year)),
    ]
    .into_iter()
    .filter_map(|(kind, date)| date.map(|date| Election::regular(kind, date)))
    .collect()
}

#[cfg(test)]
mod tests {
    use chrono::Datelike as _;

    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Dates as published, and where each was read (found with the `search` tool, November
    /// 2026). "WEC" is the Wisconsin Elections Commission, "GAB" its predecessor.
    ///
    /// - 2012: partisan primary August 14 (GAB news release, July 24, 2012: "Wisconsin's first
    ///   partisan primary in August since World War II is August 14").
    /// - 2016: spring primary February 16; spring election and presidential preference vote
    ///   April 5 (Madison Catholic Herald; GAB memo "2016 Calendar of Election Events",
    ///   elections.wi.gov/node/3732, on the "2016 Presidential Preference and Spring Election").
    /// - 2017: spring election April 4 (WEC event page elections.wi.gov/event/2017-spring-election).
    /// - 2018: spring primary February 20, spring election April 3, partisan primary August 14,
    ///   general election November 6 (WEC "Calendar of Election Events November 2017 – December
    ///   2018").
    /// - 2019: spring election April 2 (Polk County Democrats event page).
    /// - 2020: spring election and presidential preference vote April 7 (Vox, Hamilton
    ///   Consulting, democracyinaction.us); partisan primary August 11 (Milton Courier).
    /// - 2022: spring election April 5 (wibiz.org); partisan primary August 9 (City of Madison
    ///   Clerk via wispolitics.com); general election November 8 (Beloit Daily News).
    /// - 2023: spring primary February 21, spring election April 4 (Ballotpedia via newsbreak.com).
    /// - 2024: spring primary February 20, spring election and presidential primary April 2,
    ///   partisan primary August 13, general election November 5 (Ballotpedia News, WDIO).
    /// - 2025: spring election April 1 (particle.news).
    /// - 2026: spring primary February 17, spring election April 7, partisan primary August 11,
    ///   general election November 3 (WEC Election Day reminders for February 17, 2026 via
    ///   wispolitics.com; ozdems.org from the WEC calendar; a project citing WEC's "2026-2027 Calendar
    ///   of Election Events").
    /// - 2027 and 2028: spring primary February 16, 2027, spring election April 6, 2027 and
    ///   general election November 7, 2028 are the dates named in issue 16; no WEC publication of
    ///   them was found in the search corpus, so for those years this test checks the rule
    ///   against the dates and the calendar only (e.g. 2028-02-15 is the 3rd Tuesday).
    const PUBLISHED: &[(&str, ElectionKind)] = &[
        ("2012-08-14", ElectionKind::PartisanPrimary),
        ("2016-02-16", ElectionKind::SpringPrimary),
        (
            "2016-04-05",
            ElectionKind::SpringElectionWithPresidentialPreference,
        ),
        ("2017-04-04", ElectionKind::SpringElection),
        ("2018-02-20", ElectionKind::SpringPrimary),
        ("2018-04-03", ElectionKind::SpringElection),
        ("2018-08-14", ElectionKind::PartisanPrimary),
        ("2018-11-06", ElectionKind::GeneralElection),
        ("2019-04-02", ElectionKind::SpringElection),
        (
            "2020-04-07",
            ElectionKind::SpringElectionWithPresidentialPreference,
        ),
        ("2020-08-11", ElectionKind::PartisanPrimary),
        ("2022-04-05", ElectionKind::SpringElection),
        ("2022-08-09", ElectionKind::PartisanPrimary),
        ("2022-11-08", ElectionKind::GeneralElection),
        ("2023-02-21", ElectionKind::SpringPrimary),
        ("2023-04-04", ElectionKind::SpringElection),
        ("2024-02-20", ElectionKind::SpringPrimary),
        (
            "2024-04-02",
            ElectionKind::SpringElectionWithPresidentialPreference,
        ),
        ("2024-08-13", ElectionKind::PartisanPrimary),
        ("2024-11-05", ElectionKind::GeneralElection),
        ("2025-04-01", ElectionKind::SpringElection),
        ("2026-02-17", ElectionKind::SpringPrimary),
        ("2026-04-07", ElectionKind::SpringElection),
        ("2026-08-11", ElectionKind::PartisanPrimary),
        ("2026-11-03", ElectionKind::GeneralElection),
        ("2027-02-16", ElectionKind::SpringPrimary),
        ("2027-04-06", ElectionKind::SpringElection),
        ("2028-11-07", ElectionKind::GeneralElection),
    ];

    #[test]
    fn the_rules_give_the_published_dates() {
        for (date, kind) in PUBLISHED {
            let date = d(date);
            let year = date.year();
            let found = regular_elections(year);
            assert!(
                found.iter().any(|e| e.date == date && e.kind == *kind),
                "{kind:?} on {date} is not among {found:?}"
            );
            let same_kind: Vec<_> = found.iter().filter(|e| e.kind == *kind).collect();
            assert_eq!(same_kind.len(), 1, "{year}: {found:?}");
        }
    }

    #[test]
    fn each_year_2016_to_2028_has_the_right_elections_in_order() {
        for year in 2016..=2028 {
            let found = regular_elections(year);
            let kinds: Vec<ElectionKind> = found.iter().map(|e| e.kind).collect();
            let spring = if year % 4 == 0 {
                ElectionKind::SpringElectionWithPresidentialPreference
            } else {
                ElectionKind::SpringElection
            };
            let expected = if year % 2 == 0 {
                vec![
                    ElectionKind::SpringPrimary,
                    spring,
                    ElectionKind::PartisanPrimary,
                    ElectionKind::GeneralElection,
                ]
            } else {
                vec![ElectionKind::SpringPrimary, spring]
            };
            assert_eq!(kinds, expected, "{year}");
            assert!(found.windows(2).all(|w| w[0].date < w[1].date), "{found:?}");
            assert!(found.iter().all(|e| e.date.weekday() == Weekday::Tue));
        }
    }

    #[test]
    fn the_dates_fall_in_the_ranges_the_rules_allow() {
        for year in FIRST_YEAR..=2100 {
            let primary = spring_primary(year).unwrap();
            assert!((15..=21).contains(&primary.day()), "{primary}");
            let spring = spring_election(year).unwrap();
            assert!((1..=7).contains(&spring.day()), "{spring}");
            if year % 2 == 0 {
                let august = partisan_primary(year).unwrap();
                assert!((8..=14).contains(&august.day()), "{august}");
                let general = general_election(year).unwrap();
                assert!((2..=8).contains(&general.day()), "{general}");
                assert_eq!(general.month(), 11);
            } else {
                assert!(partisan_primary(year).is_none());
                assert!(general_election(year).is_none());
            }
        }
    }

    #[test]
    fn general_election_is_never_november_first() {
        // 2022: November 1 was a Tuesday, so the Tuesday after the first Monday (November 7)
        // is November 8.
        assert_eq!(general_election(2022), Some(d("2022-11-08")));
        // 2016: November 1 was a Tuesday too.
        assert_eq!(general_election(2016), Some(d("2016-11-08")));
        // 2026: November 1 is a Sunday; the first Monday is November 2.
        assert_eq!(general_election(2026), Some(d("2026-11-03")));
    }

    #[test]
    fn presidential_years_are_every_fourth_year_including_2100() {
        assert!(has_presidential_preference_vote(2028));
        assert!(!has_presidential_preference_vote(2026));
        assert!(!has_presidential_preference_vote(2027));
        // 2100 is not a leap year but is a presidential election year.
        assert!(has_presidential_preference_vote(2100));
        let spring_2100 = regular_elections(2100)
            .into_iter()
            .find(|e| e.date.month() == 4)
            .unwrap();
        assert_eq!(
            spring_2100.kind,
            ElectionKind::SpringElectionWithPresidentialPreference
        );
    }

    #[test]
    fn the_spring_election_and_presidential_preference_vote_are_one_entry() {
        let april: Vec<_> = regular_elections(2028)
            .into_iter()
            .filter(|e| e.date.month() == 4)
            .collect();
        assert_eq!(april.len(), 1, "{april:?}");
        assert_eq!(april[0].date, d("2028-04-04"));
        assert_eq!(
            april[0].name,
            "Spring election and presidential preference vote"
        );
    }

    #[test]
    fn nothing_is_computed_before_the_current_rules() {
        assert!(regular_elections(2011).is_empty());
        assert_eq!(regular_elections(FIRST_YEAR).len(), 4);
    }
}
