//! Each list page's query reads an index range of about one page, not the organisation's rows.
//! On board-scale data (built once per engine; SQLite planned as deployed, without statistics,
//! and again after `ANALYZE`; PostgreSQL after `ANALYZE`), every list query is planned
//! with realistic filters through `cairn_db::plan::explain`, with the very SQL and arguments the
//! list function runs, and the test fails on a full scan of a table holding more than a page of
//! rows or on a temporary sort of more than a page. It prints each failing plan. The playbook's
//! unanswered-suggestions signal, which returns all it finds, may not sort or scan at all, and
//! the meetings page's count of confirmed replies must read an index that holds them.

use crate::common::*;
use cairn_app::App;
use cairn_app::demo::{self, Scale};
use cairn_db::feedback::SuggestionQuery;
use cairn_db::meetings::MeetingQuery;
use cairn_db::payments::ClaimQuery;
use cairn_db::people::PeopleQuery;
use cairn_db::roles::OpportunityQuery;
use cairn_db::{Arg, Engine, fetch_all_dynamic};
use cairn_testkit::both_engines;

const WEEK: i64 = 7 * 24 * 3_600_000;

/// Names a plan uses for a table (its own name, or the alias the list query gives it).
const ALIASES: &[(&str, &str)] = &[
    ("p", "people"),
    ("pu", "person_units"),
    ("pw", "person_units"),
    ("o", "opportunities"),
    ("r", "involvement_roles"),
    ("c", "claims"),
];

/// Why a plan reads more than about a page: a full scan of one of the `large` tables (named as
/// the plan names them), or a sort done apart from any index over more than `page` rows.
/// SQLite's plan gives no row counts, so `matched` (how many rows the query finds without its
/// limit) stands for the rows a temporary B-tree sorts. PostgreSQL's estimate of a sort's input
/// is used, and `matched` too, since a wrong estimate would otherwise hide a large sort.
fn faults(engine: Engine, plan: &[String], large: &[&str], matched: i64, page: i64) -> Vec<String> {
    plan.iter()
        .filter_map(|line| {
            let step = line.trim_start().trim_start_matches("->").trim_start();
            let fault = match engine {
                Engine::Sqlite => sqlite_fault(step, large, matched, page),
                Engine::Postgres => postgres_fault(step, large, matched, page),
            };
            fault.map(|f| format!("{f}: {}", line.trim()))
        })
        .collect()
}

fn sqlite_fault(step: &str, large: &[&str], matched: i64, page: i64) -> Option<&'static str> {
    if let Some(rest) = step.strip_prefix("SCAN ") {
        let table = rest.split_whitespace().next().unwrap_or_default();
        if large.contains(&table) && !rest.contains(" INDEX ") {
            return Some("full scan");
        }
    }
    (step.starts_with("USE TEMP B-TREE FOR") && step.contains("ORDER BY") && matched > page)
        .then_some("sort of more than a page")
}

fn postgres_fault(step: &str, large: &[&str], matched: i64, page: i64) -> Option<&'static str> {
    if let Some(rest) = step.strip_prefix("Seq Scan on ") {
        let table = rest.split_whitespace().next().unwrap_or_default();
        if large.contains(&table) {
            return Some("full scan");
        }
    }
    let rows = estimated_rows(step).unwrap_or(0).max(matched);
    (step.starts_with("Sort ") && step.contains("cost=") && rows > page)
        .then_some("sort of more than a page")
}

/// The planner's row estimate on a PostgreSQL plan line (`rows=123`).
fn estimated_rows(step: &str) -> Option<i64> {
    let at = step.find("rows=")? + "rows=".len();
    let digits: String = step[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[test]
fn a_sqlite_scan_of_a_large_table_is_a_fault_and_an_indexed_search_is_not() {
    let plan = vec![
        "SCAN p".to_owned(),
        "SEARCH pu USING COVERING INDEX person_units_unit (unit_id=?)".to_owned(),
    ];
    assert_eq!(
        faults(Engine::Sqlite, &plan, &["p", "pu"], 10, 50),
        vec!["full scan: SCAN p"]
    );
}

#[test]
fn a_sqlite_scan_along_an_index_or_of_a_small_table_is_no_fault() {
    let plan = vec![
        "SCAN p USING INDEX people_organisation_name".to_owned(),
        "SCAN r".to_owned(),
    ];
    assert!(faults(Engine::Sqlite, &plan, &["p"], 10, 50).is_empty());
}

#[test]
fn a_sqlite_temporary_sort_is_a_fault_only_beyond_a_page() {
    let plan = vec![
        "SEARCH p USING INDEX people_organisation_name (organisation_id=?)".to_owned(),
        "USE TEMP B-TREE FOR ORDER BY".to_owned(),
    ];
    assert!(faults(Engine::Sqlite, &plan, &["p"], 50, 50).is_empty());
    assert_eq!(
        faults(Engine::Sqlite, &plan, &["p"], 51, 50),
        vec!["sort of more than a page: USE TEMP B-TREE FOR ORDER BY"]
    );
}

#[test]
fn a_postgres_seq_scan_of_a_large_table_is_a_fault() {
    let plan = vec![
        "Limit  (cost=0.28..9.10 rows=51 width=120)".to_owned(),
        "  ->  Seq Scan on people p  (cost=0.00..58.00 rows=2000 width=120)".to_owned(),
        "  ->  Seq Scan on involvement_roles r  (cost=0.00..1.10 rows=10 width=40)".to_owned(),
    ];
    assert_eq!(
        faults(Engine::Postgres, &plan, &["p", "people"], 0, 50),
        vec!["full scan: ->  Seq Scan on people p  (cost=0.00..58.00 rows=2000 width=120)"]
    );
}

#[test]
fn a_postgres_sort_is_a_fault_when_its_estimate_exceeds_a_page() {
    let big = vec![
        "Limit  (cost=90.1..90.2 rows=51 width=120)".to_owned(),
        "  ->  Sort  (cost=90.1..95.1 rows=1998 width=120)".to_owned(),
        "        Sort Key: p.chosen_name, p.id".to_owned(),
    ];
    assert_eq!(
        faults(Engine::Postgres, &big, &[], 0, 50),
        vec!["sort of more than a page: ->  Sort  (cost=90.1..95.1 rows=1998 width=120)"]
    );
    let small = vec!["  ->  Sort  (cost=9.1..9.2 rows=40 width=120)".to_owned()];
    let incremental =
        vec!["  ->  Incremental Sort  (cost=9.1..99.2 rows=4000 width=120)".to_owned()];
    assert!(faults(Engine::Postgres, &small, &[], 40, 50).is_empty());
    assert!(faults(Engine::Postgres, &incremental, &[], 4000, 50).is_empty());
}

#[test]
fn a_postgres_sort_underestimated_by_the_planner_is_still_a_fault() {
    let plan = vec!["  ->  Sort  (cost=9.1..9.2 rows=2 width=120)".to_owned()];
    assert_eq!(faults(Engine::Postgres, &plan, &[], 408, 50).len(), 1);
}

/// One list query as its list function would run it.
struct Case {
    name: String,
    sql: String,
    args: Vec<Arg>,
}

impl Case {
    fn new(name: &str, q: Option<(String, Vec<Arg>)>) -> Case {
        let (sql, args) = q.unwrap_or_else(|| panic!("{name}: the query can match rows"));
        Case {
            name: name.to_owned(),
            sql,
            args,
        }
    }

    /// The page: every list query's limit is its last argument.
    fn page(&self) -> i64 {
        match self.args.last() {
            Some(Arg::I64(n)) => *n,
            other => panic!(
                "{}: the last argument is the limit, not {other:?}",
                self.name
            ),
        }
    }
}

async fn scalar(app: &App, sql: &str, args: Vec<Arg>) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    let rows: Vec<(i64,)> = fetch_all_dynamic(&mut h.conn(), sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    rows.first().map_or(0, |r| r.0)
}

/// How many rows the query finds without its limit.
async fn matched(app: &App, case: &Case) -> i64 {
    let mut args = case.args.clone();
    args.pop();
    args.push(Arg::I64(i64::from(i32::MAX)));
    scalar(
        app,
        &format!("SELECT COUNT(*) FROM ({}) AS q", case.sql),
        args,
    )
    .await
}

/// The plan's names (tables and the list queries' aliases) for tables of more than `page` rows.
async fn large_tables(app: &App, page: i64) -> Vec<&'static str> {
    let mut out = Vec::new();
    for table in [
        "people",
        "person_units",
        "suggestions",
        "opportunities",
        "involvement_roles",
        "claims",
        "meetings",
    ] {
        let n = scalar(app, &format!("SELECT COUNT(*) FROM {table}"), vec![]).await;
        if n > page {
            out.push(table);
            out.extend(ALIASES.iter().filter(|(_, t)| *t == table).map(|(a, _)| *a));
        }
    }
    out
}

/// The board-scale organisation, its unit with the most people, and that unit's most common
/// suggestion status.
async fn board_org(app: &App) -> (i64, i64, String) {
    let org = scalar(
        app,
        "SELECT organisation_id FROM people GROUP BY organisation_id ORDER BY COUNT(*) DESC, organisation_id LIMIT 1",
        vec![],
    )
    .await;
    let unit = scalar(
        app,
        "SELECT pu.unit_id FROM person_units pu JOIN units u ON u.id = pu.unit_id WHERE u.organisation_id = $1 \
         GROUP BY pu.unit_id ORDER BY COUNT(*) DESC, pu.unit_id LIMIT 1",
        vec![Arg::I64(org)],
    )
    .await;
    let mut h = app.db.acquire().await.expect("acquire");
    let status: Vec<(String,)> = fetch_all_dynamic(
        &mut h.conn(),
        "SELECT status FROM suggestions WHERE unit_id = $1 GROUP BY status ORDER BY COUNT(*) DESC, status LIMIT 1",
        vec![Arg::I64(unit)],
    )
    .await
    .expect("status");
    (
        org,
        unit,
        status.first().map(|s| s.0.clone()).unwrap_or_default(),
    )
}

/// The list queries with the filters their pages use, at each page's size.
async fn cases(app: &App) -> Vec<Case> {
    let (org, unit, status) = board_org(app).await;
    let engine = app.db.engine();
    let people = |q: PeopleQuery| cairn_db::people::list_query(engine, org, &q);
    let overdue_scope = cairn_db::meetings::OverdueScope {
        org,
        today: "2026-03-29",
        owner: None,
        within_units: None,
    };
    let by_unit = PeopleQuery {
        unit_id: Some(unit),
        limit: 51,
        ..Default::default()
    };
    let middle = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::people::list(&mut h.conn(), org, &by_unit)
            .await
            .expect("people")
            .last()
            .map(|p| (p.chosen_name.clone(), p.id))
    };
    let suggestions = |q: SuggestionQuery| cairn_db::feedback::list_query(engine, org, &q);
    let board = |unit: Option<i64>, both: bool| {
        Some(cairn_db::feedback::board_query(
            engine,
            org,
            unit,
            T0 - 52 * WEEK,
            200,
            both,
        ))
    };
    let groups = scalar(
        app,
        "SELECT COUNT(*) FROM meeting_groups WHERE organisation_id = $1",
        vec![Arg::I64(org)],
    )
    .await;
    let group = scalar(
        app,
        "SELECT group_id FROM meetings WHERE organisation_id = $1 GROUP BY group_id ORDER BY COUNT(*) DESC, group_id LIMIT 1",
        vec![Arg::I64(org)],
    )
    .await;
    let all_groups: Vec<i64> = {
        let mut h = app.db.acquire().await.expect("acquire");
        let rows: Vec<(i64,)> = fetch_all_dynamic(
            &mut h.conn(),
            "SELECT id FROM meeting_groups WHERE organisation_id = $1 ORDER BY id",
            vec![Arg::I64(org)],
        )
        .await
        .expect("groups");
        rows.into_iter().map(|r| r.0).collect()
    };
    assert!(groups > 0, "the board has meeting groups");
    let meetings = |q: MeetingQuery| cairn_db::meetings::list_meetings_query(engine, org, &q);
    let claims = |q: ClaimQuery| cairn_db::payments::list_claims_query(org, &q);
    vec![
        Case::new("people in a unit", people(by_unit.clone())),
        Case::new(
            "people in a unit, Welsh order",
            people(PeopleQuery {
                welsh_order: true,
                ..by_unit.clone()
            }),
        ),
        Case::new(
            "people in a unit, next page",
            people(PeopleQuery {
                after: middle,
                ..by_unit.clone()
            }),
        ),
        Case::new(
            "people of the organisation",
            people(PeopleQuery {
                limit: 51,
                ..Default::default()
            }),
        ),
        Case::new(
            "people of the organisation, Welsh order",
            people(PeopleQuery {
                limit: 51,
                welsh_order: true,
                ..Default::default()
            }),
        ),
        Case::new(
            "suggestions of a unit with a status",
            suggestions(SuggestionQuery {
                unit_id: Some(unit),
                statuses: Some(vec![status]),
                limit: 51,
                ..Default::default()
            }),
        ),
        Case::new(
            "suggestions of the organisation",
            suggestions(SuggestionQuery {
                limit: 51,
                ..Default::default()
            }),
        ),
        Case::new("a unit's board", board(Some(unit), false)),
        Case::new("a unit's board in both languages", board(Some(unit), true)),
        Case::new("the organisation's board", board(None, false)),
        Case::new(
            "a unit's board, a later page",
            Some(cairn_db::feedback::board_page_query(
                engine,
                org,
                Some(unit),
                T0 - 52 * WEEK,
                Some(cairn_db::feedback::BoardCursor {
                    closed_at: T0 - 4 * WEEK,
                    id: i64::MAX,
                }),
                51,
                false,
            )),
        ),
        Case::new(
            "overdue actions",
            Some(cairn_db::meetings::overdue_actions_query(
                &overdue_scope,
                None,
                51,
            )),
        ),
        Case::new(
            "overdue actions, a later page",
            Some(cairn_db::meetings::overdue_actions_query(
                &overdue_scope,
                Some(&cairn_db::meetings::ActionCursor {
                    due_on: "2026-02-01".into(),
                    id: i64::MAX,
                }),
                51,
            )),
        ),
        Case::new(
            "open opportunities",
            Some(cairn_db::roles::list_opportunities_query(
                org,
                &OpportunityQuery {
                    open_on: Some("2026-03-29".into()),
                    within_units: None,
                    limit: 500,
                },
            )),
        ),
        Case::new(
            "claims",
            claims(ClaimQuery {
                limit: 51,
                ..Default::default()
            }),
        ),
        Case::new(
            "claims of a unit",
            claims(ClaimQuery {
                unit_id: Some(unit),
                limit: 51,
                ..Default::default()
            }),
        ),
        Case::new(
            "upcoming meetings of every group",
            meetings(MeetingQuery {
                groups: Some(all_groups),
                from: Some(T0 - cairn_domain::meetings::MEETING_MAX_MS),
                limit: 50,
                ..Default::default()
            }),
        ),
        Case::new(
            "a group's past meetings",
            meetings(MeetingQuery {
                group_id: Some(group),
                to: Some(T0),
                newest_first: true,
                limit: 50,
                ..Default::default()
            }),
        ),
    ]
}

/// Each list query whose plan reads more than a page, with the plan.
async fn bad_plans(app: &App) -> Vec<String> {
    let mut report = Vec::new();
    for case in cases(app).await {
        let page = case.page();
        let plan = {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::plan::explain(&mut h.conn(), &case.sql, case.args.clone())
                .await
                .unwrap_or_else(|e| panic!("{}: {e:?}", case.name))
        };
        let large = large_tables(app, page).await;
        let n = matched(app, &case).await;
        let found = faults(app.db.engine(), &plan, &large, n, page);
        if !found.is_empty() {
            report.push(format!(
                "{} ({n} rows match, page {page}): {}\n  {}",
                case.name,
                found.join("; "),
                plan.join("\n  ")
            ));
        }
    }
    // The playbook's unanswered-suggestions signal returns every match, not a page, so it must
    // read only its matches, in order from an index: a page of 0 makes any sort or full scan a
    // fault. Planned on the board unit with the signal's own cut-off (its target, 14 days).
    let (_, unit, _) = board_org(app).await;
    let (sql, args) = cairn_db::playbook::suggestions_unanswered_query(unit, T0 - 2 * WEEK);
    let plan = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::plan::explain(&mut h.conn(), &sql, args.clone())
            .await
            .expect("plan the unanswered suggestions")
    };
    let n = scalar(app, &format!("SELECT COUNT(*) FROM ({sql}) AS q"), args).await;
    let found = faults(app.db.engine(), &plan, &large_tables(app, 0).await, n, 0);
    if !found.is_empty() {
        report.push(format!(
            "unanswered suggestions ({n} rows match): {}\n  {}",
            found.join("; "),
            plan.join("\n  ")
        ));
    }
    // The meetings page counts each upcoming meeting's confirmed replies by constituency: a few
    // rows a meeting, no page. It may not scan the replies; on SQLite, which plans without
    // statistics as deployed, it must read them from the index that holds them (migration
    // 0044), never the table. Planned on the organisation's twenty latest meetings.
    let (org, _, _) = board_org(app).await;
    let latest: Vec<i64> = {
        let mut h = app.db.acquire().await.expect("acquire");
        let rows: Vec<(i64,)> = fetch_all_dynamic(
            &mut h.conn(),
            "SELECT id FROM meetings WHERE organisation_id = $1 ORDER BY starts_at DESC, id DESC LIMIT 20",
            vec![Arg::I64(org)],
        )
        .await
        .expect("latest meetings");
        rows.into_iter().map(|r| r.0).collect()
    };
    let (sql, args) =
        cairn_db::meetings::confirmed_counts_query(&latest).expect("the board has meetings");
    let plan = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::plan::explain(&mut h.conn(), &sql, args.clone())
            .await
            .expect("plan the confirmed replies")
    };
    let n = scalar(app, &format!("SELECT COUNT(*) FROM ({sql}) AS q"), args).await;
    let mut found = faults(app.db.engine(), &plan, &["meeting_people"], n, n);
    if app.db.engine() == Engine::Sqlite
        && !plan
            .iter()
            .any(|l| l.contains("COVERING INDEX meeting_people_replies"))
    {
        found.push("reads the table behind the index".to_owned());
    }
    if !found.is_empty() {
        report.push(format!(
            "confirmed replies ({n} rows): {}\n  {}",
            found.join("; "),
            plan.join("\n  ")
        ));
    }
    // A unit's self-assessment counts its Friends and Family answers of the last quarter (a
    // few hundred on the board unit), one row of counts and no page. On SQLite it must count
    // them from the index holding each answer's round (migration 0045), never the table.
    let today = jiff::Timestamp::from_millisecond(T0)
        .expect("T0")
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let day_iso = |days: i64| {
        today
            .checked_sub(jiff::Span::new().days(days))
            .expect("a date")
            .to_string()
    };
    let (today_iso, ninety_days, quarter_from) = (today.to_string(), day_iso(90), day_iso(91));
    let (sql, args) =
        cairn_db::model::measures::unit_counts_query(&cairn_db::model::measures::Window {
            organisation: org,
            unit,
            today: &today_iso,
            ninety_days: &ninety_days,
            quarter_from: &quarter_from,
            month_ms: T0 - 4 * WEEK,
            quarter_ms: T0 - 13 * WEEK,
            year_ms: T0 - 52 * WEEK,
            now_ms: T0,
        });
    let plan = {
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::plan::explain(&mut h.conn(), sql, args)
            .await
            .expect("plan the unit's counts")
    };
    if app.db.engine() == Engine::Sqlite
        && !plan
            .iter()
            .any(|l| l.contains("COVERING INDEX survey_responses_unit"))
    {
        report.push(format!(
            "a unit's counts read the survey answers from the table\n  {}",
            plan.join("\n  ")
        ));
    }
    report
}

#[tokio::test]
async fn every_list_query_reads_about_one_page_on_board_data() {
    both_engines(|db| async move {
        // Setup: board-scale data, built once for every query.
        let app = app(db);
        let engine = app.db.engine();
        demo::build(&app, PASSWORD, Scale::Board)
            .await
            .expect("build board data");

        // Exec: SQLite plans as a deployment runs it, without statistics, and again after
        // ANALYZE; PostgreSQL after ANALYZE, as its autovacuum keeps it.
        let mut report = Vec::new();
        if engine == Engine::Sqlite {
            report.extend(
                bad_plans(&app)
                    .await
                    .into_iter()
                    .map(|r| format!("without statistics: {r}")),
            );
        }
        {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::plan::analyze(&mut h.conn())
                .await
                .expect("analyze");
        }
        report.extend(
            bad_plans(&app)
                .await
                .into_iter()
                .map(|r| format!("after ANALYZE: {r}")),
        );

        // Check
        assert!(
            report.is_empty(),
            "{engine:?}: list queries that read more than a page:\n{}",
            report.join("\n")
        );
    })
    .await;
}
