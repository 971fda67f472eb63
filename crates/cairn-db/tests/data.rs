//! Data-layer tests. Every body runs twice through [`both_engines`]: on a fresh SQLite file and
//! on a fresh PostgreSQL database, so the one SQL string behind each function is proved on both.
//! Each test reads Setup → Exec → Check.

use cairn_db::accounts::{self, NewUser};
use cairn_db::audit::{self, AuditQuery, NewEntry};
use cairn_db::people::{self, PeopleQuery};
use cairn_db::{Conn, Db, DbError, Engine, notices, units};
use cairn_domain::Role;
use cairn_domain::people::{Constituency, Language, PersonFields, PersonStatus};
use cairn_domain::time::parse_iso_date;
use cairn_domain::units::{GenderMix, UnitFields, UnitType};
use cairn_testkit::both_engines;
use std::collections::BTreeSet;
use std::time::Duration;

/// 29 March 2026, 12:00 UTC: the "now" every row is written at unless a test says otherwise.
const NOW: i64 = 1_774_785_600_000;
const MINUTE: i64 = 60_000;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// An organisation with one service.
async fn org_with_service(c: &mut Conn<'_>, name: &str) -> (i64, i64) {
    let org = units::insert_organisation(c, name, None, "Europe/London", NOW)
        .await
        .expect("insert organisation");
    let service = units::insert_service(c, org, &format!("{name} service"), None, NOW)
        .await
        .expect("insert service");
    (org, service)
}

fn unit_fields(service_id: i64, name: &str) -> UnitFields {
    UnitFields {
        name: name.to_owned(),
        name_cy: None,
        service_id,
        unit_type: UnitType::OpenRehab,
        beds: Some(12),
        gender_mix: GenderMix::Mixed,
        link_person_id: None,
    }
}

async fn unit(c: &mut Conn<'_>, org: i64, service: i64, name: &str) -> i64 {
    units::insert_unit(c, org, &unit_fields(service, name), NOW)
        .await
        .expect("insert unit")
}

fn person_fields(name: &str, constituency: Constituency, unit_ids: &[i64]) -> PersonFields {
    PersonFields {
        chosen_name: name.to_owned(),
        constituency,
        discipline: None,
        unit_ids: unit_ids.to_vec(),
        status: PersonStatus::Active,
        status_since: None,
        preferred_language: Language::En,
        email: None,
        access_needs: None,
        consent_on: None,
    }
}

async fn person(
    c: &mut Conn<'_>,
    org: i64,
    name: &str,
    constituency: Constituency,
    unit_ids: &[i64],
) -> i64 {
    people::insert(c, org, &person_fields(name, constituency, unit_ids), NOW)
        .await
        .expect("insert person")
}

async fn user(c: &mut Conn<'_>, org: Option<i64>, email: &str, role: Role) -> i64 {
    let u = NewUser {
        organisation_id: org,
        email,
        password_hash: Some("not-a-real-hash"),
        role,
        person_id: None,
        locale: None,
    };
    accounts::insert_user(c, &u, NOW)
        .await
        .expect("insert user")
}

fn query(limit: i64) -> PeopleQuery {
    PeopleQuery {
        limit,
        ..Default::default()
    }
}

fn ids_of(people: &[people::Person]) -> BTreeSet<i64> {
    people.iter().map(|p| p.id).collect()
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrate_to_the_same_tables_and_columns() {
    // Setup
    let sqlite = cairn_testkit::sqlite().await;
    let postgres = cairn_testkit::postgres()
        .await
        .expect("PostgreSQL is needed to compare the two schemas");

    // Exec
    let s: BTreeSet<(String, String)> = sqlite
        .db
        .schema_columns()
        .await
        .expect("sqlite columns")
        .into_iter()
        .collect();
    let p: BTreeSet<(String, String)> = postgres
        .db
        .schema_columns()
        .await
        .expect("postgres columns")
        .into_iter()
        .collect();

    // Check
    assert!(
        s.contains(&("people".to_owned(), "chosen_name".to_owned())),
        "the SQLite schema was read: {s:?}"
    );
    assert!(
        !s.iter()
            .any(|(t, _)| t.starts_with("_sqlx") || t.starts_with("sqlite_")),
        "bookkeeping tables are left out"
    );
    let only_sqlite: Vec<_> = s.difference(&p).collect();
    let only_postgres: Vec<_> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "schemas differ; only in SQLite: {only_sqlite:?}; only in PostgreSQL: {only_postgres:?}"
    );
    sqlite.db.close().await;
    postgres.db.close().await;
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_is_read_back_as_stored_and_an_update_changes_every_field() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let other_service = units::insert_service(&mut c, org, "Forensic", Some("Fforensig"), NOW)
            .await
            .expect("second service");
        let link = person(&mut c, org, "Lee", Constituency::Staff, &[]).await;
        let id = unit(&mut c, org, service, "Elm").await;

        // Exec
        let stored = units::get_unit(&mut c, org, id).await.expect("get unit");
        let changed = UnitFields {
            name: "Fir".into(),
            name_cy: Some("Ffynidwydden".into()),
            service_id: other_service,
            unit_type: UnitType::Ward,
            beds: None,
            gender_mix: GenderMix::Female,
            link_person_id: Some(link),
        };
        units::update_unit(&mut c, org, id, &changed, NOW + MINUTE)
            .await
            .expect("update unit");
        let updated = units::get_unit(&mut c, org, id)
            .await
            .expect("get updated unit");

        // Check
        assert_eq!(stored.name, "Elm");
        assert_eq!(stored.organisation_id, org);
        assert_eq!(stored.service_id, service);
        assert_eq!(stored.unit_type, UnitType::OpenRehab);
        assert_eq!(stored.gender_mix, GenderMix::Mixed);
        assert_eq!(stored.beds, Some(12));
        assert_eq!((stored.created_at, stored.updated_at), (NOW, NOW));
        assert_eq!(updated.name, "Fir");
        assert_eq!(updated.name_cy.as_deref(), Some("Ffynidwydden"));
        assert_eq!(updated.service_id, other_service);
        assert_eq!(updated.unit_type, UnitType::Ward);
        assert_eq!(updated.gender_mix, GenderMix::Female);
        assert_eq!(updated.beds, None);
        assert_eq!(updated.link_person_id, Some(link));
        assert_eq!(
            (updated.created_at, updated.updated_at),
            (NOW, NOW + MINUTE)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn units_list_by_name_then_id_and_page_with_the_after_cursor() {
    both_engines(|db| async move {
        // Setup: two units share a name, so the cursor must break the tie by id.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let elm = unit(&mut c, org, service, "Elm").await;
        let birch = unit(&mut c, org, service, "Birch").await;
        let cedar1 = unit(&mut c, org, service, "Cedar").await;
        let alder = unit(&mut c, org, service, "Alder").await;
        let cedar2 = unit(&mut c, org, service, "Cedar").await;

        // Exec
        let mut pages = Vec::new();
        let mut after = None;
        loop {
            let page = units::list_units(&mut c, org, None, after.clone(), 2)
                .await
                .expect("list units");
            if page.is_empty() {
                break;
            }
            assert!(page.len() <= 2, "a page holds at most the limit");
            after = page.last().map(|u| (u.name.clone(), u.id));
            pages.push(page.iter().map(|u| u.id).collect::<Vec<_>>());
            assert!(pages.len() < 10, "paging ends");
        }

        // Check
        assert_eq!(
            pages,
            vec![vec![alder, birch], vec![cedar1, cedar2], vec![elm]]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_only_filter_limits_units_to_a_scope_and_an_empty_scope_lists_none() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let alder = unit(&mut c, org, service, "Alder").await;
        let birch = unit(&mut c, org, service, "Birch").await;
        let cedar = unit(&mut c, org, service, "Cedar").await;

        // Exec
        let scoped = units::list_units(&mut c, org, Some(&[cedar, alder]), None, 50)
            .await
            .expect("scoped list");
        let empty = units::list_units(&mut c, org, Some(&[]), None, 50)
            .await
            .expect("empty scope");
        let all = units::list_units(&mut c, org, None, None, 50)
            .await
            .expect("full list");

        // Check
        assert_eq!(
            scoped.iter().map(|u| u.id).collect::<Vec<_>>(),
            vec![alder, cedar]
        );
        assert!(empty.is_empty(), "an empty scope reaches nothing");
        assert_eq!(
            all.iter().map(|u| u.id).collect::<Vec<_>>(),
            vec![alder, birch, cedar]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_another_organisation_is_not_found() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org_a, service_a) = org_with_service(&mut c, "Org A").await;
        let (org_b, service_b) = org_with_service(&mut c, "Org B").await;
        let unit_a = unit(&mut c, org_a, service_a, "Alder").await;

        // Exec
        let get = units::get_unit(&mut c, org_b, unit_a).await;
        let update =
            units::update_unit(&mut c, org_b, unit_a, &unit_fields(service_b, "Taken"), NOW).await;
        let listed = units::list_units(&mut c, org_b, None, None, 50)
            .await
            .expect("list");
        let in_b = units::unit_in_organisation(&mut c, org_b, unit_a)
            .await
            .expect("check");
        let in_a = units::unit_in_organisation(&mut c, org_a, unit_a)
            .await
            .expect("check");

        // Check
        assert!(matches!(get, Err(DbError::NotFound)), "{get:?}");
        assert!(matches!(update, Err(DbError::NotFound)), "{update:?}");
        assert!(listed.is_empty());
        assert!(!in_b);
        assert!(in_a);
        let still = units::get_unit(&mut c, org_a, unit_a)
            .await
            .expect("unchanged");
        assert_eq!(
            still.name, "Alder",
            "the other organisation's update changed nothing"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_is_stored_with_their_units_and_an_update_replaces_the_units() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (org_b, _) = org_with_service(&mut c, "Org B").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let u3 = unit(&mut c, org, service, "Cedar").await;
        let mut fields = person_fields("Sam", Constituency::Carer, &[u2, u1]);
        fields.preferred_language = Language::Cy;
        fields.email = Some("sam@example.org".into());
        fields.consent_on = parse_iso_date("2026-03-01");

        // Exec
        let id = people::insert(&mut c, org, &fields, NOW)
            .await
            .expect("insert");
        let stored = people::get(&mut c, org, id).await.expect("get");
        let units_before = people::unit_ids(&mut c, id).await.expect("units");
        let mut changed = person_fields("Sam T", Constituency::Staff, &[u3, u2]);
        changed.discipline = Some("Nurse".into());
        changed.status = PersonStatus::Paused;
        changed.status_since = parse_iso_date("2026-03-20");
        people::update(&mut c, org, id, &changed, NOW + MINUTE)
            .await
            .expect("update");
        let updated = people::get(&mut c, org, id).await.expect("get updated");
        let units_after = people::unit_ids(&mut c, id).await.expect("units after");
        let elsewhere = people::get(&mut c, org_b, id).await;
        let update_elsewhere = people::update(&mut c, org_b, id, &fields, NOW).await;

        // Check
        assert_eq!(stored.chosen_name, "Sam");
        assert_eq!(stored.constituency, Constituency::Carer);
        assert_eq!(stored.preferred_language, Language::Cy);
        assert_eq!(stored.email.as_deref(), Some("sam@example.org"));
        assert_eq!(stored.consent_on.as_deref(), Some("2026-03-01"));
        assert_eq!(units_before, vec![u1, u2]);
        assert_eq!(updated.chosen_name, "Sam T");
        assert_eq!(updated.constituency, Constituency::Staff);
        assert_eq!(updated.discipline.as_deref(), Some("Nurse"));
        assert_eq!(updated.status, PersonStatus::Paused);
        assert_eq!(updated.status_since.as_deref(), Some("2026-03-20"));
        assert_eq!(updated.email, None);
        assert_eq!(updated.consent_on, None);
        assert_eq!(updated.updated_at, NOW + MINUTE);
        assert_eq!(units_after, vec![u2, u3], "the update replaced the units");
        assert!(matches!(elsewhere, Err(DbError::NotFound)), "{elsewhere:?}");
        assert!(
            matches!(update_elsewhere, Err(DbError::NotFound)),
            "{update_elsewhere:?}"
        );
        assert_eq!(
            people::unit_ids(&mut c, id).await.expect("units"),
            vec![u2, u3]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn units_of_pairs_each_listed_person_with_their_units() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let a = person(&mut c, org, "Ama", Constituency::Carer, &[u2, u1]).await;
        let b = person(&mut c, org, "Bea", Constituency::Carer, &[u2]).await;
        let none = person(&mut c, org, "Cai", Constituency::Carer, &[]).await;
        let _not_asked = person(&mut c, org, "Dai", Constituency::Carer, &[u1]).await;

        // Exec
        let pairs = people::units_of(&mut c, &[b, none, a])
            .await
            .expect("units of");
        let nobody = people::units_of(&mut c, &[])
            .await
            .expect("units of nobody");

        // Check
        assert_eq!(pairs, vec![(a, u1), (a, u2), (b, u2)]);
        assert!(nobody.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_list_filters_by_unit_scope_constituency_and_status() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (org_b, service_b) = org_with_service(&mut c, "Org B").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let u3 = unit(&mut c, org, service, "Cedar").await;
        let ub = unit(&mut c, org_b, service_b, "Other").await;
        let sam_su = person(&mut c, org, "Sam", Constituency::ServiceUser, &[u1]).await;
        let sam_carer = person(&mut c, org, "Sam", Constituency::Carer, &[u2]).await;
        let mut paused = person_fields("Sam", Constituency::Staff, &[u1, u2]);
        paused.status = PersonStatus::Paused;
        let sam_staff = people::insert(&mut c, org, &paused, NOW)
            .await
            .expect("insert");
        let alex = person(&mut c, org, "Alex", Constituency::Staff, &[u3]).await;
        let nobody_unit = person(&mut c, org, "Nia", Constituency::Manager, &[]).await;
        let _pat_in_b = person(&mut c, org_b, "Pat", Constituency::Staff, &[ub]).await;

        // Exec
        let all = people::list(&mut c, org, &query(100)).await.expect("all");
        let in_u1 = people::list(
            &mut c,
            org,
            &PeopleQuery {
                unit_id: Some(u1),
                ..query(100)
            },
        )
        .await
        .expect("unit filter");
        let within = people::list(
            &mut c,
            org,
            &PeopleQuery {
                within_units: Some(vec![u2, u3]),
                ..query(100)
            },
        )
        .await
        .expect("within units");
        let within_none = people::list(
            &mut c,
            org,
            &PeopleQuery {
                within_units: Some(vec![]),
                ..query(100)
            },
        )
        .await
        .expect("within no units");
        let staff = people::list(
            &mut c,
            org,
            &PeopleQuery {
                constituency: Some(Constituency::Staff),
                ..query(100)
            },
        )
        .await
        .expect("constituency");
        let paused_only = people::list(
            &mut c,
            org,
            &PeopleQuery {
                status: Some(PersonStatus::Paused),
                ..query(100)
            },
        )
        .await
        .expect("status");
        let combined = people::list(
            &mut c,
            org,
            &PeopleQuery {
                unit_id: Some(u1),
                status: Some(PersonStatus::Active),
                ..query(100)
            },
        )
        .await
        .expect("combined");

        // Check
        assert_eq!(
            ids_of(&all),
            set(&[sam_su, sam_carer, sam_staff, alex, nobody_unit]),
            "only this organisation's people"
        );
        assert_eq!(ids_of(&in_u1), set(&[sam_su, sam_staff]));
        assert_eq!(ids_of(&within), set(&[sam_carer, sam_staff, alex]));
        assert!(within_none.is_empty(), "an empty unit scope reaches nobody");
        assert_eq!(ids_of(&staff), set(&[sam_staff, alex]));
        assert_eq!(ids_of(&paused_only), set(&[sam_staff]));
        assert_eq!(ids_of(&combined), set(&[sam_su]));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_text_search_ignores_case_and_treats_percent_and_underscore_literally() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let sam = person(&mut c, org, "Sam", Constituency::Carer, &[]).await;
        let samantha = person(&mut c, org, "samantha", Constituency::Carer, &[]).await;
        let rosamund = person(&mut c, org, "ROSAMUND", Constituency::Carer, &[]).await;
        let percent = person(&mut c, org, "100% Jo", Constituency::Carer, &[]).await;
        let underscore = person(&mut c, org, "Jo_Ann", Constituency::Carer, &[]).await;
        let lookalike = person(&mut c, org, "JoXAnn", Constituency::Carer, &[]).await;
        let backslash = person(&mut c, org, "Jo\\Ann", Constituency::Carer, &[]).await;

        let search = |t: &str| PeopleQuery {
            text: Some(t.to_owned()),
            ..query(100)
        };

        // Exec
        let sam_hits = people::list(&mut c, org, &search("SaM"))
            .await
            .expect("sam");
        let percent_hits = people::list(&mut c, org, &search("%"))
            .await
            .expect("percent");
        let underscore_hits = people::list(&mut c, org, &search("jo_a"))
            .await
            .expect("underscore");
        let backslash_hits = people::list(&mut c, org, &search("o\\a"))
            .await
            .expect("backslash");
        let blank = people::list(&mut c, org, &search("   "))
            .await
            .expect("blank");

        // Check
        assert_eq!(ids_of(&sam_hits), set(&[sam, samantha, rosamund]));
        assert_eq!(ids_of(&percent_hits), set(&[percent]));
        assert_eq!(ids_of(&underscore_hits), set(&[underscore]));
        assert_eq!(ids_of(&backslash_hits), set(&[backslash]));
        assert_eq!(
            ids_of(&blank),
            set(&[
                sam, samantha, rosamund, percent, underscore, lookalike, backslash
            ]),
            "blank text does not filter"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_pages_follow_chosen_name_then_id_across_duplicate_names() {
    both_engines(|db| async move {
        // Setup: three people share a name, so pages break in the middle of them.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let zed = person(&mut c, org, "Zed", Constituency::Carer, &[]).await;
        let sam1 = person(&mut c, org, "Sam", Constituency::Carer, &[]).await;
        let ama = person(&mut c, org, "Ama", Constituency::Carer, &[]).await;
        let sam2 = person(&mut c, org, "Sam", Constituency::Staff, &[]).await;
        let sam3 = person(&mut c, org, "Sam", Constituency::Manager, &[]).await;

        // Exec
        let mut pages = Vec::new();
        let mut after = None;
        loop {
            let page = people::list(
                &mut c,
                org,
                &PeopleQuery {
                    after: after.clone(),
                    ..query(2)
                },
            )
            .await
            .expect("page");
            if page.is_empty() {
                break;
            }
            after = page.last().map(|p| (p.chosen_name.clone(), p.id));
            pages.push(page.iter().map(|p| p.id).collect::<Vec<_>>());
            assert!(pages.len() < 10, "paging ends");
        }

        // Check
        assert_eq!(pages, vec![vec![ama, sam1], vec![sam2, sam3], vec![zed]]);
    })
    .await;
}

/// Every page of `q` in turn, following the cursor each page's last person gives.
async fn all_pages(c: &mut Conn<'_>, org: i64, q: &PeopleQuery) -> Vec<Vec<(String, i64)>> {
    let mut pages = Vec::new();
    let mut after = None;
    loop {
        let page = people::list(
            c,
            org,
            &PeopleQuery {
                after: after.clone(),
                ..q.clone()
            },
        )
        .await
        .expect("page");
        if page.is_empty() {
            return pages;
        }
        after = page.last().map(|p| (p.chosen_name.clone(), p.id));
        pages.push(page.into_iter().map(|p| (p.chosen_name, p.id)).collect());
        assert!(pages.len() < 20, "paging ends");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_people_page_in_the_organisations_order_across_ties_renames_and_welsh_letters() {
    both_engines(|db| async move {
        // Setup: shared names, Welsh digraphs, people in two units, one in another unit only, and
        // one renamed and one moved into the unit after joining.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let u = unit(&mut c, org, service, "Alder").await;
        let other = unit(&mut c, org, service, "Birch").await;
        let mut ids = Vec::new();
        for (name, units) in [
            ("Sam", vec![u]),
            ("Llinos", vec![u, other]),
            ("Lowri", vec![u]),
            ("Sam", vec![other]),
            ("Rhys", vec![u]),
            ("Sam", vec![u, other]),
            ("Ruth", vec![u]),
            ("Chris", vec![u]),
            ("Catrin", vec![u]),
            ("Sam", vec![u]),
        ] {
            ids.push(person(&mut c, org, name, Constituency::ServiceUser, &units).await);
        }
        let mut renamed = person_fields("Zed", Constituency::Carer, &[u]);
        people::update(&mut c, org, ids[7], &renamed, NOW)
            .await
            .expect("rename");
        renamed.chosen_name = "Sam".into();
        people::update(&mut c, org, ids[7], &renamed, NOW)
            .await
            .expect("rename again");
        let moved = person(&mut c, org, "Lewis", Constituency::Staff, &[other]).await;
        people::update(
            &mut c,
            org,
            moved,
            &person_fields("Lewis", Constituency::Staff, &[u]),
            NOW,
        )
        .await
        .expect("move");
        let members: BTreeSet<i64> = ids
            .iter()
            .copied()
            .filter(|id| *id != ids[3])
            .chain([moved])
            .collect();

        for welsh_order in [false, true] {
            // Exec: the unit's pages, and the organisation's list kept to the unit's members.
            let by_unit = all_pages(
                &mut c,
                org,
                &PeopleQuery {
                    unit_id: Some(u),
                    limit: 3,
                    welsh_order,
                    ..Default::default()
                },
            )
            .await;
            let whole = all_pages(
                &mut c,
                org,
                &PeopleQuery {
                    limit: 100,
                    welsh_order,
                    ..Default::default()
                },
            )
            .await;

            // Check
            let expected: Vec<(String, i64)> = whole
                .concat()
                .into_iter()
                .filter(|(_, id)| members.contains(id))
                .collect();
            assert_eq!(expected.len(), 10, "welsh order {welsh_order}");
            assert_eq!(by_unit.concat(), expected, "welsh order {welsh_order}");
            assert!(by_unit.iter().all(|p| p.len() <= 3));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_people_filtered_by_constituency_status_and_text_page_like_the_organisations() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (org_b, service_b) = org_with_service(&mut c, "Org B").await;
        let u = unit(&mut c, org, service, "Alder").await;
        let ub = unit(&mut c, org_b, service_b, "Other").await;
        for (i, k) in [
            Constituency::Carer,
            Constituency::ServiceUser,
            Constituency::Carer,
            Constituency::Carer,
            Constituency::Staff,
            Constituency::Carer,
        ]
        .into_iter()
        .enumerate()
        {
            let mut f = person_fields(&format!("Sam {}", i % 2), k, &[u]);
            if i == 3 {
                f.status = PersonStatus::Paused;
            }
            people::insert(&mut c, org, &f, NOW).await.expect("insert");
        }
        person(&mut c, org_b, "Sam 0", Constituency::Carer, &[ub]).await;
        let q = |unit_id: Option<i64>, limit: i64| PeopleQuery {
            unit_id,
            constituency: Some(Constituency::Carer),
            status: Some(PersonStatus::Active),
            text: Some("SAM".into()),
            limit,
            ..Default::default()
        };

        // Exec
        let by_unit = all_pages(&mut c, org, &q(Some(u), 1)).await;
        let whole = all_pages(&mut c, org, &q(None, 100)).await;
        let foreign_unit = people::list(&mut c, org, &q(Some(ub), 10))
            .await
            .expect("list");

        // Check
        assert_eq!(by_unit.len(), 3, "one person a page");
        assert_eq!(by_unit.concat(), whole.concat());
        let names: Vec<String> = whole.concat().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Sam 0", "Sam 0", "Sam 1"]);
        assert!(
            foreign_unit.is_empty(),
            "another organisation's unit lists nobody"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_account_with_the_same_email_is_a_conflict() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let first = user(&mut c, Some(org), "sam@example.org", Role::Lead).await;

        // Exec
        let again = accounts::insert_user(
            &mut c,
            &NewUser {
                organisation_id: None,
                email: "sam@example.org",
                password_hash: None,
                role: Role::PlatformAdmin,
                person_id: None,
                locale: None,
            },
            NOW,
        )
        .await;

        // Check
        assert!(matches!(again, Err(DbError::Conflict)), "{again:?}");
        assert_eq!(accounts::count_users(&mut c).await.expect("count"), 1);
        let found = accounts::find_user_by_email(&mut c, "sam@example.org")
            .await
            .expect("find")
            .expect("the first account");
        assert_eq!(found.id, first);
        assert_eq!(found.role, Role::Lead);
        assert!(!found.disabled);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accounts_units_are_replaced_as_a_whole() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let u3 = unit(&mut c, org, service, "Cedar").await;
        let staff = user(&mut c, Some(org), "staff@example.org", Role::UnitStaff).await;

        // Exec
        accounts::set_user_units(&mut c, staff, &[u2, u1])
            .await
            .expect("set");
        let first = accounts::user_units(&mut c, staff).await.expect("units");
        accounts::set_user_units(&mut c, staff, &[u3])
            .await
            .expect("replace");
        let second = accounts::user_units(&mut c, staff).await.expect("units");

        // Check
        assert_eq!(first, vec![u1, u2]);
        assert_eq!(second, vec![u3]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_found_until_its_idle_or_absolute_end_or_deletion() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let uid = user(&mut c, Some(org), "sam@example.org", Role::Lead).await;
        let expires = NOW + 60 * MINUTE;
        let ends = NOW + 90 * MINUTE;
        accounts::insert_session(&mut c, "hash-1", uid, "csrf-1", NOW, expires, ends)
            .await
            .expect("insert session");
        accounts::insert_session(&mut c, "hash-2", uid, "csrf-2", NOW, expires, ends)
            .await
            .expect("insert second session");

        // Exec
        let live = accounts::find_session(&mut c, "hash-1", expires - 1)
            .await
            .expect("find");
        let at_expiry = accounts::find_session(&mut c, "hash-1", expires)
            .await
            .expect("find");
        let unknown = accounts::find_session(&mut c, "hash-x", NOW)
            .await
            .expect("find");
        accounts::extend_session(&mut c, "hash-1", NOW + MINUTE, expires + 60 * MINUTE)
            .await
            .expect("extend");
        let extended = accounts::find_session(&mut c, "hash-1", expires)
            .await
            .expect("find");
        let at_absolute_end = accounts::find_session(&mut c, "hash-1", ends)
            .await
            .expect("find");
        let listed = accounts::list_sessions(&mut c, uid, NOW + MINUTE)
            .await
            .expect("list");
        accounts::delete_session(&mut c, "hash-1")
            .await
            .expect("delete");
        let deleted = accounts::find_session(&mut c, "hash-1", NOW)
            .await
            .expect("find");
        let other = accounts::find_session(&mut c, "hash-2", NOW)
            .await
            .expect("find");

        // Check
        let live = live.expect("a live session is found");
        assert_eq!(
            (live.user_id, live.csrf_token.as_str(), live.expires_at),
            (uid, "csrf-1", expires)
        );
        assert!(
            at_expiry.is_none(),
            "a session is gone at its expiry instant"
        );
        assert!(unknown.is_none());
        assert_eq!(
            extended.map(|s| s.expires_at),
            Some(ends),
            "extending never passes the absolute end"
        );
        assert!(at_absolute_end.is_none(), "gone at its absolute end");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].id_hash, "hash-1", "most recently used first");
        assert_eq!(listed[0].last_seen_at, NOW + MINUTE);
        assert!(deleted.is_none(), "a deleted session is not found");
        assert!(other.is_some(), "deleting one session leaves the others");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ended_sessions_spent_links_and_stale_limits_are_purged() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let uid = user(&mut c, Some(org), "sam@example.org", Role::Lead).await;
        accounts::insert_session(&mut c, "old", uid, "c", NOW - 10, NOW, NOW + 60 * MINUTE)
            .await
            .expect("old");
        accounts::insert_session(&mut c, "over", uid, "c", NOW - 10, NOW + MINUTE, NOW)
            .await
            .expect("past its absolute end");
        accounts::insert_session(
            &mut c,
            "new",
            uid,
            "c",
            NOW,
            NOW + MINUTE,
            NOW + 60 * MINUTE,
        )
        .await
        .expect("new");
        for (key, at) in [("acct:old", NOW - 30 * MINUTE), ("acct:new", NOW)] {
            let l = accounts::take_limit(&mut c, key, at, 0)
                .await
                .expect("take");
            accounts::put_limit(
                &mut c,
                key,
                &accounts::Limit {
                    failures: l.failures + 1,
                    last_failure_at: at,
                    locked_until: 0,
                },
            )
            .await
            .expect("put");
        }
        accounts::insert_password_reset(&mut c, "spent", uid, None, NOW - 10, NOW)
            .await
            .expect("reset");

        // Exec
        accounts::purge_expired(&mut c, NOW, NOW - 15 * MINUTE)
            .await
            .expect("purge");

        // Check
        for gone in ["old", "over"] {
            assert!(
                accounts::list_sessions(&mut c, uid, 0)
                    .await
                    .expect("list")
                    .iter()
                    .all(|x| x.id_hash != gone),
                "{gone} was purged"
            );
        }
        assert!(
            accounts::find_session(&mut c, "new", NOW)
                .await
                .expect("find")
                .is_some()
        );
        assert!(
            accounts::peek_limit(&mut c, "acct:old")
                .await
                .expect("peek")
                .is_none()
        );
        assert!(
            accounts::peek_limit(&mut c, "acct:new")
                .await
                .expect("peek")
                .is_some()
        );
        assert_eq!(
            accounts::count_live_password_resets(&mut c, uid, 0)
                .await
                .expect("count"),
            0
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_limit_forgets_old_failures_and_clears_by_key_and_prefix() {
    both_engines(|db| async move {
        // Setup: an account key and two address keys, one of another account whose address
        // shares a prefix, and an address holding `_` (which LIKE would read as a wildcard).
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let keys = [
            "acct:sam@example.org",
            "pair:sam@example.org|10.0.0.1",
            "pair:sam@example.org|10.0.0.2",
            "pair:sam_example.org|10.0.0.1",
        ];
        for k in keys {
            let l = accounts::take_limit(&mut c, k, NOW, 0).await.expect("take");
            accounts::put_limit(
                &mut c,
                k,
                &accounts::Limit {
                    failures: l.failures + 3,
                    last_failure_at: NOW,
                    locked_until: NOW + MINUTE,
                },
            )
            .await
            .expect("put");
        }

        // Exec
        let held = accounts::take_limit(&mut c, keys[0], NOW + 2 * MINUTE, NOW)
            .await
            .expect("take");
        let forgotten = accounts::take_limit(&mut c, keys[0], NOW + 2 * MINUTE, NOW + 1)
            .await
            .expect("take");
        let cleared = accounts::clear_limits(&mut c, keys[0], Some("pair:sam@example.org|"))
            .await
            .expect("clear");

        // Check
        assert_eq!(held.failures, 3, "failures inside the window are kept");
        assert_eq!(
            forgotten.failures, 0,
            "older failures, with no lock running, are forgotten"
        );
        assert_eq!(cleared, 3);
        assert!(
            accounts::peek_limit(&mut c, keys[3])
                .await
                .expect("peek")
                .is_some()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_found_only_until_revoked_and_only_its_owner_can_revoke_it() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let owner = user(&mut c, Some(org), "owner@example.org", Role::Lead).await;
        let other = user(&mut c, Some(org), "other@example.org", Role::OrgAdmin).await;
        let token = accounts::insert_token(
            &mut c,
            owner,
            "reports",
            "token-hash",
            NOW,
            NOW + 10 * MINUTE,
        )
        .await
        .expect("insert token");

        // Exec
        let found = accounts::find_token_user(&mut c, "token-hash", NOW)
            .await
            .expect("find");
        let at_expiry = accounts::find_token_user(&mut c, "token-hash", NOW + 10 * MINUTE)
            .await
            .expect("find");
        let by_other = accounts::revoke_token(&mut c, other, token, NOW + 1)
            .await
            .expect("revoke");
        let after_other = accounts::find_token_user(&mut c, "token-hash", NOW)
            .await
            .expect("find");
        accounts::touch_token(&mut c, token, NOW + 2)
            .await
            .expect("touch");
        let by_owner = accounts::revoke_token(&mut c, owner, token, NOW + 3)
            .await
            .expect("revoke");
        let after_owner = accounts::find_token_user(&mut c, "token-hash", NOW)
            .await
            .expect("find");
        let twice = accounts::revoke_token(&mut c, owner, token, NOW + 4)
            .await
            .expect("revoke");
        let listed = accounts::list_tokens(&mut c, owner).await.expect("list");

        // Check
        assert_eq!(found, Some((token, owner)));
        assert_eq!(at_expiry, None, "a token stops at its expiry instant");
        assert!(!by_other, "another account cannot revoke the token");
        assert_eq!(after_other, Some((token, owner)), "the token still works");
        assert!(by_owner);
        assert_eq!(after_owner, None, "a revoked token is not found");
        assert!(!twice, "a token is revoked once");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, "reports");
        assert_eq!(listed[0].last_used_at, Some(NOW + 2));
        assert_eq!(
            listed[0].revoked_at,
            Some(NOW + 3),
            "the first revocation time is kept"
        );
        assert!(
            accounts::list_tokens(&mut c, other)
                .await
                .expect("list")
                .is_empty()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_works_once_and_only_until_it_expires() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let uid = user(&mut c, Some(org), "new@example.org", Role::Member).await;
        let expires = NOW + 60 * MINUTE;
        accounts::insert_invitation(&mut c, "inv-hash", uid, NOW, expires)
            .await
            .expect("insert");

        // Exec
        let live = accounts::find_invitation(&mut c, "inv-hash", NOW)
            .await
            .expect("find");
        let expired = accounts::find_invitation(&mut c, "inv-hash", expires)
            .await
            .expect("find");
        let first = accounts::use_invitation(&mut c, "inv-hash", NOW + 1)
            .await
            .expect("use");
        let second = accounts::use_invitation(&mut c, "inv-hash", NOW + 2)
            .await
            .expect("use");
        let after_use = accounts::find_invitation(&mut c, "inv-hash", NOW + 3)
            .await
            .expect("find");
        let unknown = accounts::use_invitation(&mut c, "nope", NOW)
            .await
            .expect("use");

        // Check
        assert_eq!(live, Some(uid));
        assert_eq!(expired, None, "an invitation stops at its expiry instant");
        assert!(first, "the first use succeeds");
        assert!(!second, "the second use fails");
        assert_eq!(after_use, None);
        assert!(!unknown);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------------------------

fn entry<'a>(
    org: i64,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<i64>,
    actor: Option<i64>,
) -> NewEntry<'a> {
    NewEntry {
        organisation_id: Some(org),
        actor_user_id: actor,
        actor_label: "tester@example.org",
        on_behalf_of_person_id: None,
        action,
        entity,
        entity_id,
        before_json: None,
        after_json: None,
    }
}

/// Entry ids of a listing, in the order returned.
fn ids(entries: &[audit::Entry]) -> Vec<i64> {
    entries.iter().map(|e| e.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_list_newest_first_with_filters_and_stay_in_their_organisation() {
    both_engines(|db| async move {
        // Setup: five entries in A a second apart, one in B in the middle of them.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (a, _) = org_with_service(&mut c, "Org A").await;
        let (b, _) = org_with_service(&mut c, "Org B").await;
        let mut first = entry(a, "create", "person", Some(10), Some(7));
        first.before_json = None;
        first.after_json = Some(r#"{"chosen_name":"Sam"}"#.into());
        first.on_behalf_of_person_id = Some(10);
        let mut second = entry(a, "update", "person", Some(10), Some(8));
        second.before_json = Some(r#"{"chosen_name":"Sam"}"#.into());
        second.after_json = Some(r#"{"chosen_name":"Sam T"}"#.into());
        let writes = [
            (first, NOW),
            (second, NOW + 1000),
            (entry(b, "create", "person", Some(10), Some(9)), NOW + 1500),
            (entry(a, "view", "person", Some(11), Some(7)), NOW + 2000),
            (entry(a, "create", "unit", Some(10), Some(7)), NOW + 3000),
            (entry(a, "export", "audit_log", None, Some(7)), NOW + 4000),
        ];
        for (e, at) in &writes {
            audit::insert(&mut c, e, *at).await.expect("insert entry");
        }
        let q = |f: &dyn Fn(&mut AuditQuery)| {
            let mut q = AuditQuery {
                limit: 100,
                ..Default::default()
            };
            f(&mut q);
            q
        };

        // Exec
        let all_a = audit::list(&mut c, a, &q(&|_| {})).await.expect("all A");
        let all_b = audit::list(&mut c, b, &q(&|_| {})).await.expect("all B");
        let creates = audit::list(&mut c, a, &q(&|q| q.action = Some("create".into())))
            .await
            .expect("creates");
        let persons = audit::list(&mut c, a, &q(&|q| q.entity = Some("person".into())))
            .await
            .expect("entity");
        let person_10 = audit::list(
            &mut c,
            a,
            &q(&|q| {
                q.entity = Some("person".into());
                q.entity_id = Some(10);
            }),
        )
        .await
        .expect("entity id");
        let by_8 = audit::list(&mut c, a, &q(&|q| q.actor_user_id = Some(8)))
            .await
            .expect("actor");
        let range = audit::list(
            &mut c,
            a,
            &q(&|q| {
                q.from_ms = Some(NOW + 1000);
                q.to_ms = Some(NOW + 3000);
            }),
        )
        .await
        .expect("range");

        // Check
        assert_eq!(all_a.len(), 5);
        assert!(
            all_a.iter().all(|e| e.organisation_id == Some(a)),
            "no entry of B"
        );
        assert!(all_a.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        assert_eq!(all_b.len(), 1);
        assert_eq!(all_b[0].organisation_id, Some(b));
        let oldest = all_a.last().expect("oldest");
        assert_eq!(oldest.action, "create");
        assert_eq!(oldest.at, NOW);
        assert_eq!(oldest.before_json, None);
        assert_eq!(
            oldest.after_json.as_deref(),
            Some(r#"{"chosen_name":"Sam"}"#)
        );
        assert_eq!(oldest.on_behalf_of_person_id, Some(10));
        assert_eq!(oldest.actor_label, "tester@example.org");
        let (e_create_p, e_update, e_view, e_create_u) =
            (all_a[4].id, all_a[3].id, all_a[2].id, all_a[1].id);
        assert_eq!(
            all_a[3].before_json.as_deref(),
            Some(r#"{"chosen_name":"Sam"}"#)
        );
        assert_eq!(all_a[0].entity_id, None);
        assert_eq!(ids(&creates), vec![e_create_u, e_create_p]);
        assert_eq!(ids(&persons), vec![e_view, e_update, e_create_p]);
        assert_eq!(ids(&person_10), vec![e_update, e_create_p]);
        assert_eq!(ids(&by_8), vec![e_update]);
        assert_eq!(
            ids(&range),
            vec![e_view, e_update],
            "from is inclusive and to is exclusive"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_pages_go_back_in_time_with_before_id() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (a, _) = org_with_service(&mut c, "Org A").await;
        let (b, _) = org_with_service(&mut c, "Org B").await;
        for i in 0..5 {
            audit::insert(&mut c, &entry(a, "view", "person", Some(i), None), NOW + i)
                .await
                .expect("insert");
            audit::insert(&mut c, &entry(b, "view", "person", Some(i), None), NOW + i)
                .await
                .expect("insert");
        }

        // Exec
        let mut pages = Vec::new();
        let mut before_id = None;
        loop {
            let page = audit::list(
                &mut c,
                a,
                &AuditQuery {
                    before_id,
                    limit: 2,
                    ..Default::default()
                },
            )
            .await
            .expect("page");
            if page.is_empty() {
                break;
            }
            before_id = page.last().map(|e| e.id);
            pages.push(
                page.iter()
                    .map(|e| e.entity_id.expect("entity id"))
                    .collect::<Vec<_>>(),
            );
            assert!(pages.len() < 10, "paging ends");
        }

        // Check
        assert_eq!(pages, vec![vec![4, 3], vec![2, 1], vec![0]]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Notices and the e-mail queue
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_list_newest_first_and_are_marked_read_together() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let uid = user(&mut c, Some(org), "sam@example.org", Role::Member).await;
        let other = user(&mut c, Some(org), "jo@example.org", Role::Member).await;
        let older = notices::insert(
            &mut c,
            uid,
            "notice-welcome",
            r#"{"organisation":"Org A"}"#,
            NOW,
        )
        .await
        .expect("notice");
        let newer = notices::insert(&mut c, uid, "notice-record-updated", "{}", NOW + 1)
            .await
            .expect("notice");
        notices::insert(&mut c, other, "notice-welcome", "{}", NOW)
            .await
            .expect("notice");

        // Exec
        let listed = notices::list(&mut c, uid, 10).await.expect("list");
        let marked = notices::mark_all_read(&mut c, uid, NOW + 5)
            .await
            .expect("mark");
        let marked_again = notices::mark_all_read(&mut c, uid, NOW + 6)
            .await
            .expect("mark");
        let after = notices::list(&mut c, uid, 10).await.expect("list");
        let others = notices::list(&mut c, other, 10).await.expect("list");

        // Check
        assert_eq!(
            listed.iter().map(|n| n.id).collect::<Vec<_>>(),
            vec![newer, older]
        );
        assert_eq!(listed[1].message_id, "notice-welcome");
        assert_eq!(listed[1].args_json, r#"{"organisation":"Org A"}"#);
        assert!(listed.iter().all(|n| n.read_at.is_none()));
        assert_eq!(marked, 2);
        assert_eq!(marked_again, 0, "read notices stay read");
        assert!(after.iter().all(|n| n.read_at == Some(NOW + 5)));
        assert_eq!(others.len(), 1);
        assert!(
            others[0].read_at.is_none(),
            "another account's notices are untouched"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_email_is_claimed_by_one_sender_and_leaves_the_queue_once_sent() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let first =
            notices::queue_email(&mut c, org, "sam@example.org", "cy", "Pwnc", "Corff", NOW)
                .await
                .expect("queue");
        let second =
            notices::queue_email(&mut c, org, "jo@example.org", "en", "Subject", "Body", NOW)
                .await
                .expect("queue");

        // Exec
        let pending = notices::pending_emails(&mut c, 5, 10)
            .await
            .expect("pending");
        let claimed = notices::claim_email(&mut c, first, 0).await.expect("claim");
        let claimed_again = notices::claim_email(&mut c, first, 0).await.expect("claim");
        let pending_after_claim = notices::pending_emails(&mut c, 5, 10)
            .await
            .expect("pending");
        notices::mark_email(&mut c, first, Some(NOW + 1), None)
            .await
            .expect("mark sent");
        let claimed_after_sent = notices::claim_email(&mut c, first, 1).await.expect("claim");
        assert!(
            notices::claim_email(&mut c, second, 0)
                .await
                .expect("claim")
        );
        notices::mark_email(&mut c, second, None, Some("refused"))
            .await
            .expect("mark failed");
        let pending_end = notices::pending_emails(&mut c, 5, 10)
            .await
            .expect("pending");
        let out_of_tries = notices::pending_emails(&mut c, 1, 10)
            .await
            .expect("pending");
        let all = notices::list_emails(&mut c, org, 10).await.expect("list");

        // Check
        assert_eq!(
            pending.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![first, second]
        );
        assert_eq!(
            (
                pending[0].to_address.as_str(),
                pending[0].language.as_str(),
                pending[0].subject.as_str(),
                pending[0].body.as_str()
            ),
            ("sam@example.org", "cy", "Pwnc", "Corff")
        );
        assert!(claimed, "the first claim wins");
        assert!(
            !claimed_again,
            "a second claim with the same attempt count loses"
        );
        assert_eq!(pending_after_claim[0].attempts, 1);
        assert!(!claimed_after_sent, "a sent e-mail cannot be claimed");
        assert_eq!(
            pending_end.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![second]
        );
        assert_eq!(pending_end[0].last_error.as_deref(), Some("refused"));
        assert_eq!(pending_end[0].attempts, 1);
        assert!(
            out_of_tries.is_empty(),
            "an e-mail tried too often leaves the queue"
        );
        assert_eq!(
            all.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![second, first]
        );
        assert_eq!(all[1].sent_at, Some(NOW + 1));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_dropped_without_commit_rolls_back() {
    both_engines(|db| async move {
        // Setup
        let mut tx = db.begin().await.expect("begin");
        units::insert_organisation(&mut tx.conn(), "Never", None, "Europe/London", NOW)
            .await
            .expect("insert in tx");

        // Exec
        drop(tx);
        let mut committed = db.begin().await.expect("begin");
        units::insert_organisation(&mut committed.conn(), "Kept", None, "Europe/London", NOW)
            .await
            .expect("insert in tx");
        committed.commit().await.expect("commit");

        // Check
        let mut h = db.acquire().await.expect("acquire");
        let names: Vec<String> = units::list_organisations(&mut h.conn())
            .await
            .expect("list")
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, vec!["Kept".to_owned()]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_write_transactions_all_commit() {
    both_engines(|db| async move {
        // Setup
        let org = {
            let mut h = db.acquire().await.expect("acquire");
            org_with_service(&mut h.conn(), "Org A").await.0
        };

        // Exec: each transaction reads before it writes, which on SQLite fails with "database
        // is locked" unless the transaction took the write lock at BEGIN and waits for it.
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let db: Db = db.clone();
                tokio::spawn(async move {
                    let mut tx = db.begin().await?;
                    let seen = units::list_services(&mut tx.conn(), org).await?.len();
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    units::insert_service(
                        &mut tx.conn(),
                        org,
                        &format!("Service {i:02}"),
                        None,
                        NOW,
                    )
                    .await?;
                    tx.commit().await?;
                    Ok::<usize, DbError>(seen)
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task finished"));
        }

        // Check
        for r in &results {
            assert!(r.is_ok(), "a concurrent write failed: {r:?}");
        }
        let mut h = db.acquire().await.expect("acquire");
        let services = units::list_services(&mut h.conn(), org)
            .await
            .expect("list");
        assert_eq!(services.len(), 21, "the first service and twenty more");
        if db.engine() == Engine::Sqlite {
            // SQLite writers run one after another, so each saw all the commits before it.
            let mut seen: Vec<usize> = results.into_iter().map(|r| r.expect("ok")).collect();
            seen.sort_unstable();
            assert_eq!(
                seen,
                (1..=20).collect::<Vec<_>>(),
                "writers were serialised"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_restores_with_every_row_and_postgres_declines_it() {
    // Setup: a database with an organisation in it.
    let t = cairn_testkit::sqlite().await;
    {
        let mut tx = t.db.begin().await.expect("tx");
        cairn_db::units::insert_organisation(&mut tx.conn(), "Backed up", None, "Europe/London", 1)
            .await
            .expect("org");
        tx.commit().await.expect("commit");
    }
    let dir = std::env::temp_dir().join(format!("cairn_backup_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let copy = dir.join("copy.db");

    // Exec
    let done =
        t.db.backup_sqlite(copy.to_str().expect("path"))
            .await
            .expect("backup");

    // Check: the copy opens on its own and holds the row.
    assert_eq!(done, Some(()));
    let restored = cairn_db::Db::connect(
        &format!("sqlite://{}", copy.display()),
        &cairn_db::ConnectOptions::default(),
    )
    .await
    .expect("open copy");
    let mut h = restored.acquire().await.expect("conn");
    let orgs = cairn_db::units::list_organisations(&mut h.conn())
        .await
        .expect("list");
    assert_eq!(
        orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        vec!["Backed up"]
    );
    drop(h);
    restored.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(pg) = cairn_testkit::postgres().await {
        assert_eq!(
            pg.db
                .backup_sqlite("/tmp/never-written.db")
                .await
                .expect("answer"),
            None
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

const DAY: i64 = 24 * 60 * MINUTE;

fn group_fields(
    name: &str,
    kind: cairn_domain::meetings::GroupKind,
    unit_id: Option<i64>,
    minimums: [u32; 5],
) -> cairn_domain::meetings::GroupFields {
    cairn_domain::meetings::GroupFields {
        name_en: name.to_owned(),
        name_cy: format!("{name} (cy)"),
        kind,
        unit_id,
        usual_place: Default::default(),
        usual_time: None,
        tor_en: Default::default(),
        tor_cy: Default::default(),
        rule: cairn_domain::meetings::Rule(cairn_domain::meetings::Counts(minimums)),
        standing: Vec::new(),
    }
}

async fn meeting_group(
    c: &mut Conn<'_>,
    org: i64,
    f: &cairn_domain::meetings::GroupFields,
) -> cairn_db::meetings::Group {
    let id = cairn_db::meetings::insert_group(c, org, f, NOW)
        .await
        .expect("insert group");
    cairn_db::meetings::get_group(c, org, id)
        .await
        .expect("get group")
        .expect("group exists")
}

/// A meeting of `g` starting at `starts`, an hour long, in `month`.
async fn meeting_of(
    c: &mut Conn<'_>,
    g: &cairn_db::meetings::Group,
    starts: i64,
    month: &str,
) -> i64 {
    let new = cairn_db::meetings::NewMeeting {
        group: g,
        starts_at: starts,
        ends_at: starts + 60 * MINUTE,
        month,
        place: Some("Day room"),
        place_cy: None,
        online_link: None,
        arrangements: "",
        by: "tester@example.org",
    };
    cairn_db::meetings::insert_meeting(c, &new, NOW)
        .await
        .expect("insert meeting")
}

/// Records a meeting's summary as attendance would: `counts` by constituency and whether the
/// group's rule was met by them.
async fn held(
    c: &mut Conn<'_>,
    g: &cairn_db::meetings::Group,
    meeting: i64,
    counts: [u32; 5],
    others: i64,
) -> bool {
    let counts = cairn_domain::meetings::Counts(counts);
    let met = g.rule().evaluate_counts(counts).met;
    cairn_db::meetings::set_attendance_summary(c, meeting, &counts, others, &g.rule(), met, NOW)
        .await
        .expect("summary");
    met
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_is_read_back_with_its_rule_and_each_meeting_copies_its_rule_unit_and_kind() {
    both_engines(|db| async move {
        // Setup
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (other_org, _) = org_with_service(&mut c, "Org B").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let mut f = group_fields(
            "Alder community",
            GroupKind::Community,
            Some(u1),
            [2, 1, 0, 0, 1],
        );
        f.standing = vec!["Ward news".into(), "Garden".into()];
        f.tor_en[0] = Some("Speak for the ward".into());
        f.tor_cy[0] = Some("Siarad dros y ward".into());

        // Exec
        let g = meeting_group(&mut c, org, &f).await;
        let wide = meeting_group(
            &mut c,
            org,
            &group_fields("Forum", GroupKind::Forum, None, [1, 1, 0, 0, 0]),
        )
        .await;
        let m = meeting_of(&mut c, &g, NOW + DAY, "2026-03").await;
        let stored = cairn_db::meetings::get_meeting(&mut c, org, m)
            .await
            .expect("get")
            .expect("meeting");
        let from_other_org = cairn_db::meetings::get_meeting(&mut c, other_org, m)
            .await
            .expect("get");
        let all = cairn_db::meetings::list_groups(&mut c, org, None)
            .await
            .expect("list");
        let on_birch = cairn_db::meetings::list_groups(&mut c, org, Some(&[u2]))
            .await
            .expect("list");
        let no_units = cairn_db::meetings::list_groups(&mut c, org, Some(&[]))
            .await
            .expect("list");
        let mut changed = f.clone();
        changed.rule =
            cairn_domain::meetings::Rule(cairn_domain::meetings::Counts([1, 1, 1, 0, 0]));
        let updated = cairn_db::meetings::update_group(&mut c, org, g.id, &changed, NOW + 1)
            .await
            .expect("update");
        let not_updated =
            cairn_db::meetings::update_group(&mut c, other_org, g.id, &changed, NOW + 1)
                .await
                .expect("update");
        let after = cairn_db::meetings::get_group(&mut c, org, g.id)
            .await
            .expect("get")
            .expect("group");
        let meeting_after = cairn_db::meetings::get_meeting(&mut c, org, m)
            .await
            .expect("get")
            .expect("meeting");

        // Check
        assert_eq!(g.rule().0.0, [2, 1, 0, 0, 1]);
        assert_eq!((g.unit_id, g.kind), (Some(u1), GroupKind::Community));
        assert_eq!(g.standing(), vec!["Ward news", "Garden"]);
        assert_eq!(g.tor(true)[0], Some("Siarad dros y ward"));
        assert_eq!(g.tor(false)[1], None);
        assert_eq!(
            (stored.unit_id, stored.kind.as_str(), stored.rule.as_str()),
            (Some(u1), "community", "2,1,0,0,1")
        );
        assert_eq!((stored.month.as_str(), stored.sequence), ("2026-03", 0));
        assert_eq!(
            (stored.attended_at, stored.representation_met),
            (None, None)
        );
        assert!(stored.issues_item);
        assert!(from_other_org.is_none());
        assert_eq!(
            all.iter().map(|x| x.id).collect::<Vec<_>>(),
            vec![g.id, wide.id],
            "by English name"
        );
        assert_eq!(
            on_birch.iter().map(|x| x.id).collect::<Vec<_>>(),
            vec![wide.id]
        );
        assert_eq!(
            no_units.iter().map(|x| x.id).collect::<Vec<_>>(),
            vec![wide.id]
        );
        assert!(updated && !not_updated);
        assert_eq!(after.rule().0.0, [1, 1, 1, 0, 0]);
        assert_eq!(after.updated_at, NOW + 1);
        assert_eq!(
            meeting_after.rule, "2,1,0,0,1",
            "a meeting keeps the rule it was scheduled under"
        );
        let r = g.rule();
        assert_eq!(
            cairn_db::meetings::parse_rule(&cairn_db::meetings::rule_text(&r)),
            r
        );
        assert!(cairn_db::meetings::parse_rule("x,y").is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_and_a_presence_share_one_row_and_clearing_presence_keeps_only_the_replies() {
    both_engines(|db| async move {
        // Setup
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let sam = person(&mut c, org, "Sam", Constituency::ServiceUser, &[]).await;
        let cai = person(&mut c, org, "Cai", Constituency::Carer, &[]).await;
        let g = meeting_group(
            &mut c,
            org,
            &group_fields("Forum", GroupKind::Forum, None, [1, 1, 0, 0, 0]),
        )
        .await;
        let m = meeting_of(&mut c, &g, NOW, "2026-03").await;

        // Exec
        cairn_db::meetings::set_reply(
            &mut c,
            m,
            sam,
            Constituency::ServiceUser,
            "confirmed",
            NOW,
            None,
        )
        .await
        .expect("reply");
        cairn_db::meetings::set_presence(
            &mut c,
            m,
            sam,
            Constituency::ServiceUser,
            "attended",
            Some(60),
        )
        .await
        .expect("presence");
        cairn_db::meetings::set_presence(&mut c, m, cai, Constituency::Carer, "attended", Some(60))
            .await
            .expect("presence");
        cairn_db::meetings::set_reply(
            &mut c,
            m,
            sam,
            Constituency::ServiceUser,
            "apologies",
            NOW + 1,
            Some("staff@example.org"),
        )
        .await
        .expect("second reply");
        let both = cairn_db::meetings::meeting_people(&mut c, m)
            .await
            .expect("people");
        cairn_db::meetings::clear_presence(&mut c, m)
            .await
            .expect("clear");
        let cleared = cairn_db::meetings::meeting_people(&mut c, m)
            .await
            .expect("people");

        // Check
        assert_eq!(both.len(), 2, "one row per person");
        let s = &both[1];
        assert_eq!(s.person_id, sam, "by name: Cai, then Sam");
        assert_eq!(
            (
                s.reply.as_deref(),
                s.replied_at,
                s.replied_by_label.as_deref(),
                s.presence.as_deref(),
                s.minutes
            ),
            (
                Some("apologies"),
                Some(NOW + 1),
                Some("staff@example.org"),
                Some("attended"),
                Some(60)
            ),
            "the second reply replaced the first and kept the presence"
        );
        assert_eq!(
            (
                both[0].person_id,
                both[0].reply.as_deref(),
                both[0].constituency
            ),
            (cai, None, Constituency::Carer)
        );
        assert_eq!(cleared.len(), 1, "Cai was only recorded, so leaves");
        assert_eq!(
            (
                cleared[0].person_id,
                cleared[0].reply.as_deref(),
                cleared[0].presence.as_deref(),
                cleared[0].minutes
            ),
            (sam, Some("apologies"), None, None)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_timers_look_only_at_earlier_attended_meetings_of_the_same_group() {
    both_engines(|db| async move {
        // Setup
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let mut p = Vec::new();
        for name in ["Ama", "Ben", "Cat", "Dai"] {
            p.push(person(&mut c, org, name, Constituency::ServiceUser, &[]).await);
        }
        let rule = [1, 0, 0, 0, 0];
        let g = meeting_group(
            &mut c,
            org,
            &group_fields("Forum", GroupKind::Forum, None, rule),
        )
        .await;
        let other = meeting_group(
            &mut c,
            org,
            &group_fields("Strategy", GroupKind::Strategy, None, rule),
        )
        .await;
        let earlier = meeting_of(&mut c, &g, NOW - 2 * DAY, "2026-03").await;
        let elsewhere = meeting_of(&mut c, &other, NOW - DAY, "2026-03").await;
        let later = meeting_of(&mut c, &g, NOW + DAY, "2026-03").await;
        let su = Constituency::ServiceUser;
        let mark = |m: i64, who: i64, presence: &'static str| (m, who, presence);
        let records = [
            mark(earlier, p[0], "attended"),
            mark(earlier, p[1], "apologies"),
            mark(elsewhere, p[2], "attended"),
            mark(later, p[3], "attended"),
        ];
        for (m, who, presence) in records {
            cairn_db::meetings::set_presence(&mut c, m, who, su, presence, None)
                .await
                .expect("presence");
        }

        // Exec
        let firsts = cairn_db::meetings::first_timers(&mut c, g.id, NOW, &p)
            .await
            .expect("first timers");
        let at_earlier = cairn_db::meetings::first_timers(&mut c, g.id, NOW - 2 * DAY, &p)
            .await
            .expect("first timers");
        let nobody = cairn_db::meetings::first_timers(&mut c, g.id, NOW, &[])
            .await
            .expect("first timers");

        // Check
        assert_eq!(
            firsts,
            vec![p[1], p[2], p[3]],
            "Ama came before; apologies, another group and a later meeting do not count"
        );
        assert_eq!(at_earlier, p, "nothing was before the first meeting");
        assert!(nobody.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_actions_are_open_and_past_due_filtered_by_owner_and_units() {
    both_engines(|db| async move {
        // Setup
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (other_org, _) = org_with_service(&mut c, "Org B").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let u2 = unit(&mut c, org, service, "Birch").await;
        let pat = person(&mut c, org, "Pat", Constituency::Staff, &[]).await;
        let quinn = person(&mut c, org, "Quinn", Constituency::Carer, &[]).await;
        let rule = [1, 1, 0, 0, 0];
        let g1 = meeting_group(
            &mut c,
            org,
            &group_fields("A", GroupKind::Community, Some(u1), rule),
        )
        .await;
        let g2 = meeting_group(
            &mut c,
            org,
            &group_fields("B", GroupKind::Community, Some(u2), rule),
        )
        .await;
        let gw = meeting_group(
            &mut c,
            org,
            &group_fields("W", GroupKind::Forum, None, rule),
        )
        .await;
        let m1 = meeting_of(&mut c, &g1, NOW - 30 * DAY, "2026-02").await;
        let m2 = meeting_of(&mut c, &g2, NOW - 30 * DAY, "2026-02").await;
        let mw = meeting_of(&mut c, &gw, NOW - 30 * DAY, "2026-02").await;
        let mut add = Vec::new();
        for (m, owner, due) in [
            (m1, pat, "2026-03-01"),
            (m2, quinn, "2026-03-10"),
            (mw, pat, "2026-03-20"),
            (m1, pat, "2026-03-29"),
            (m1, quinn, "2026-02-01"),
        ] {
            add.push(
                cairn_db::meetings::add_action(&mut c, org, m, "Do it", None, owner, due, NOW)
                    .await
                    .expect("action"),
            );
        }
        let (a1, a2, a3, due_today, done) = (add[0], add[1], add[2], add[3], add[4]);
        cairn_db::meetings::set_action_status(&mut c, done, "done", NOW + 1)
            .await
            .expect("done");

        // Exec
        let today = "2026-03-29";
        let (only_u1, no_unit): ([i64; 1], [i64; 0]) = ([u1], []);
        let in_scope = |org, owner, within_units| cairn_db::meetings::OverdueScope {
            org,
            today,
            owner,
            within_units,
        };
        let ids = |v: Vec<cairn_db::meetings::Action>| v.iter().map(|a| a.id).collect::<Vec<_>>();
        let all = ids(
            cairn_db::meetings::overdue_actions(&mut c, &in_scope(org, None, None))
                .await
                .expect("overdue"),
        );
        let pats = ids(cairn_db::meetings::overdue_actions(
            &mut c,
            &in_scope(org, Some(pat), None),
        )
        .await
        .expect("overdue"));
        let on_u1 = ids(cairn_db::meetings::overdue_actions(
            &mut c,
            &in_scope(org, None, Some(&only_u1)),
        )
        .await
        .expect("overdue"));
        let no_units = ids(cairn_db::meetings::overdue_actions(
            &mut c,
            &in_scope(org, None, Some(&no_unit)),
        )
        .await
        .expect("overdue"));
        let other = ids(cairn_db::meetings::overdue_actions(
            &mut c,
            &in_scope(other_org, None, None),
        )
        .await
        .expect("overdue"));
        let one = cairn_db::meetings::get_action(&mut c, org, a1)
            .await
            .expect("get")
            .expect("action");
        let hidden = cairn_db::meetings::get_action(&mut c, other_org, a1)
            .await
            .expect("get");

        // Check
        assert_eq!(
            all,
            vec![a1, a2, a3],
            "oldest due first; not today's, not done"
        );
        assert_eq!(pats, vec![a1, a3]);
        assert_eq!(on_u1, vec![a1, a3], "the unit's and the service-wide");
        assert_eq!(no_units, vec![a3]);
        assert!(other.is_empty());
        assert!(!all.contains(&due_today) && !all.contains(&done));
        assert_eq!(
            (
                one.meeting_id,
                one.group_id,
                one.unit_id,
                one.owner_name.as_str(),
                one.due_on.as_str(),
                one.status.as_str()
            ),
            (m1, g1.id, Some(u1), "Pat", "2026-03-01", "open")
        );
        assert!(hidden.is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn representation_rows_add_up_recorded_meetings_by_month_group_and_unit() {
    both_engines(|db| async move {
        // Setup
        use cairn_db::meetings::{RepresentationBy, RepresentationQuery, RepresentationRow};
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (other_org, _) = org_with_service(&mut c, "Org B").await;
        let u1 = unit(&mut c, org, service, "Alder").await;
        let g1 = meeting_group(
            &mut c,
            org,
            &group_fields(
                "Alder community",
                GroupKind::Community,
                Some(u1),
                [1, 1, 0, 0, 0],
            ),
        )
        .await;
        let gw = meeting_group(
            &mut c,
            org,
            &group_fields("Forum", GroupKind::Forum, None, [2, 0, 0, 0, 0]),
        )
        .await;
        let a = meeting_of(&mut c, &g1, NOW - 40 * DAY, "2026-02").await;
        let b = meeting_of(&mut c, &g1, NOW - 10 * DAY, "2026-03").await;
        let w = meeting_of(&mut c, &gw, NOW - 5 * DAY, "2026-03").await;
        let _never_held = meeting_of(&mut c, &g1, NOW - 2 * DAY, "2026-03").await;
        let met_a = held(&mut c, &g1, a, [1, 1, 1, 0, 0], 2).await;
        let met_b = held(&mut c, &g1, b, [2, 0, 1, 0, 0], 0).await;
        let met_w = held(&mut c, &gw, w, [2, 3, 0, 1, 1], 4).await;

        // Exec
        let q = RepresentationQuery::default();
        let by_month = cairn_db::meetings::representation(&mut c, org, &q, RepresentationBy::Month)
            .await
            .expect("month");
        let by_group = cairn_db::meetings::representation(&mut c, org, &q, RepresentationBy::Group)
            .await
            .expect("group");
        let by_unit = cairn_db::meetings::representation(&mut c, org, &q, RepresentationBy::Unit)
            .await
            .expect("unit");
        let march_only = cairn_db::meetings::representation(
            &mut c,
            org,
            &RepresentationQuery {
                from_month: Some("2026-03".into()),
                to_month: Some("2026-03".into()),
                within_units: Some(vec![]),
                ..Default::default()
            },
            RepresentationBy::Month,
        )
        .await
        .expect("march, service-wide only");
        let other =
            cairn_db::meetings::representation(&mut c, other_org, &q, RepresentationBy::Month)
                .await
                .expect("other org");
        let community_held =
            cairn_db::meetings::unit_meetings_held(&mut c, u1, "community", NOW - 30 * DAY)
                .await
                .expect("held");
        let shares = cairn_db::meetings::unit_meeting_shares(&mut c, u1, NOW - 91 * DAY)
            .await
            .expect("shares");

        // Check
        assert_eq!((met_a, met_b, met_w), (true, false, true));
        let row =
            |key: &str, meetings: i64, met: i64, n: [i64; 5], others: i64| RepresentationRow {
                key: key.to_owned(),
                meetings,
                met,
                service_user: n[0],
                carer: n[1],
                staff: n[2],
                third_sector: n[3],
                manager: n[4],
                others,
            };
        assert_eq!(
            by_month,
            vec![
                row("2026-02", 1, 1, [1, 1, 1, 0, 0], 2),
                row("2026-03", 2, 1, [4, 3, 1, 1, 1], 4),
            ]
        );
        let mut groups = by_group.clone();
        groups.sort_by_key(|r| r.key.parse::<i64>().expect("group id"));
        assert_eq!(
            groups,
            vec![
                row(&g1.id.to_string(), 2, 1, [3, 1, 2, 0, 0], 2),
                row(&gw.id.to_string(), 1, 1, [2, 3, 0, 1, 1], 4),
            ]
        );
        assert_eq!(
            by_unit,
            vec![
                row("", 1, 1, [2, 3, 0, 1, 1], 4),
                row(&u1.to_string(), 2, 1, [3, 1, 2, 0, 0], 2),
            ],
            "service-wide first, under an empty key"
        );
        assert_eq!(march_only, vec![row("2026-03", 1, 1, [2, 3, 0, 1, 1], 4)]);
        assert!(other.is_empty());
        assert_eq!(
            community_held, 1,
            "only the one ten days ago is within the month"
        );
        assert_eq!(shares, (2, 2, 1), "held, with the issues item, met");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agenda_items_take_the_next_position_on_their_own_meeting() {
    both_engines(|db| async move {
        // Setup
        use cairn_domain::meetings::GroupKind;
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let g = meeting_group(
            &mut c,
            org,
            &group_fields("Forum", GroupKind::Forum, None, [1, 1, 0, 0, 0]),
        )
        .await;
        let m1 = meeting_of(&mut c, &g, NOW, "2026-03").await;
        let m2 = meeting_of(&mut c, &g, NOW + DAY, "2026-03").await;

        // Exec
        cairn_db::meetings::add_agenda_item(&mut c, m1, Some("representation"), None, None, None)
            .await
            .expect("item");
        cairn_db::meetings::add_agenda_item(&mut c, m2, None, Some("Elsewhere"), None, None)
            .await
            .expect("item");
        cairn_db::meetings::add_agenda_item(&mut c, m1, Some("su_carer_issues"), None, None, None)
            .await
            .expect("item");
        cairn_db::meetings::add_agenda_item(&mut c, m1, None, Some("Garden"), Some("Gardd"), None)
            .await
            .expect("item");
        let a1 = cairn_db::meetings::agenda(&mut c, m1)
            .await
            .expect("agenda");
        let a2 = cairn_db::meetings::agenda(&mut c, m2)
            .await
            .expect("agenda");

        // Check
        assert_eq!(
            a1.iter()
                .map(|a| (
                    a.position,
                    a.standing.as_deref(),
                    a.title.as_deref(),
                    a.title_cy.as_deref()
                ))
                .collect::<Vec<_>>(),
            vec![
                (1, Some("representation"), None, None),
                (2, Some("su_carer_issues"), None, None),
                (3, None, Some("Garden"), Some("Gardd")),
            ]
        );
        assert_eq!(
            a2.iter().map(|a| a.position).collect::<Vec<_>>(),
            vec![1],
            "positions are per meeting"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Payments
// ---------------------------------------------------------------------------------------------

fn new_claim(person: i64, unit: Option<i64>, on: &str) -> cairn_db::payments::NewClaim<'_> {
    cairn_db::payments::NewClaim {
        person_id: person,
        unit_id: unit,
        constituency: "service_user",
        activity: cairn_domain::payments::ActivityType::Meeting,
        activity_on: on,
        minutes: 120,
        description: "Ward forum",
        meeting_id: None,
        training_session_id: None,
        choice: cairn_domain::payments::PaymentChoice::Bank,
        created_by_user_id: None,
        created_by_label: "system",
    }
}

/// A money line: a fee (no category) or an expense; reversals name the line they reverse.
fn money(
    kind: &'static str,
    category: Option<cairn_domain::payments::ExpenseCategory>,
    miles_tenths: Option<i64>,
    amount_pence: i64,
    counts_as_income: bool,
    reverses_line_id: Option<i64>,
) -> cairn_db::payments::NewLine<'static> {
    cairn_db::payments::NewLine {
        kind,
        category,
        miles_tenths,
        amount_pence,
        counts_as_income,
        is_fee: category.is_none(),
        note: None,
        reverses_line_id,
        preapproved: false,
    }
}

fn car(tenths: i64) -> cairn_db::payments::NewLine<'static> {
    money(
        "expense",
        Some(cairn_domain::payments::ExpenseCategory::MileageCar),
        Some(tenths),
        tenths * 45 / 10,
        false,
        None,
    )
}

/// A claim with its lines; returns the claim and its line ids.
async fn claim_with(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    unit: Option<i64>,
    on: &str,
    lines: &[cairn_db::payments::NewLine<'_>],
) -> (i64, Vec<i64>) {
    let id = cairn_db::payments::insert_claim(c, org, &new_claim(person, unit, on), NOW)
        .await
        .expect("insert claim");
    let mut ids = Vec::new();
    for l in lines {
        ids.push(
            cairn_db::payments::add_line(c, id, l, NOW, "system")
                .await
                .expect("add line"),
        );
    }
    (id, ids)
}

/// A claim of `pence` (one fee line) taken through submit, approve and authorise.
async fn authorised_claim(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    unit: Option<i64>,
    pence: i64,
    approver: i64,
    authoriser: i64,
) -> i64 {
    let (id, _) = claim_with(
        c,
        org,
        person,
        unit,
        "2026-03-23",
        &[money("fee", None, None, pence, true, None), car(10)],
    )
    .await;
    assert!(
        cairn_db::payments::submit(c, id, NOW)
            .await
            .expect("submit")
    );
    assert!(
        cairn_db::payments::approve(c, id, approver, None, NOW)
            .await
            .expect("approve")
    );
    assert!(
        cairn_db::payments::authorise(c, id, authoriser, None, NOW)
            .await
            .expect("authorise")
    );
    id
}

#[track_caller]
fn assert_refused(r: Result<u64, DbError>, because: &str) {
    match r {
        Err(e) => {
            let text = e.to_string().to_lowercase();
            assert!(
                text.contains(because),
                "refused, but not because of {because}: {text}"
            );
        }
        Ok(n) => panic!("the database accepted it ({n} rows): expected {because}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claims_totals_follow_its_lines_and_a_line_is_only_ever_appended_or_reversed_once() {
    use cairn_domain::payments::ExpenseCategory;
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let u = unit(&mut c, org, service, "Alder").await;
        let p = person(&mut c, org, "Mo", Constituency::ServiceUser, &[u]).await;

        // Exec
        let (id, lines) = claim_with(
            &mut c,
            org,
            p,
            Some(u),
            "2026-03-23",
            &[
                money("fee", None, None, 7500, true, None),
                car(300),
                money(
                    "expense",
                    Some(ExpenseCategory::OnlineAllowance),
                    None,
                    500,
                    true,
                    None,
                ),
            ],
        )
        .await;
        let before = cairn_db::payments::get_claim(&mut c, org, id)
            .await
            .expect("get")
            .expect("claim");
        cairn_db::payments::add_line(
            &mut c,
            id,
            &money(
                "reversal",
                Some(ExpenseCategory::MileageCar),
                None,
                -1350,
                false,
                Some(lines[1]),
            ),
            NOW,
            "lead",
        )
        .await
        .expect("reverse");
        let twice = cairn_db::payments::add_line(
            &mut c,
            id,
            &money(
                "reversal",
                Some(ExpenseCategory::MileageCar),
                None,
                -1350,
                false,
                Some(lines[1]),
            ),
            NOW,
            "lead",
        )
        .await;
        let after = cairn_db::payments::get_claim(&mut c, org, id)
            .await
            .expect("get")
            .expect("claim");
        let stored = cairn_db::payments::lines(&mut c, id).await.expect("lines");
        let update = cairn_db::execute!(
            &mut c,
            "UPDATE claim_lines SET amount_pence = 0 WHERE id = $1",
            lines[0]
        );
        let delete = cairn_db::execute!(&mut c, "DELETE FROM claim_lines WHERE claim_id = $1", id);
        let broken = cairn_db::execute!(
            &mut c,
            "UPDATE claims SET expenses_pence = 0 WHERE id = $1",
            id
        );

        // Check
        assert_eq!(
            (
                before.fee_pence,
                before.expenses_pence,
                before.total_pence,
                before.income_pence
            ),
            (7500, 1850, 9350, 8000)
        );
        assert_eq!(
            (
                after.fee_pence,
                after.expenses_pence,
                after.total_pence,
                after.income_pence
            ),
            (7500, 500, 8000, 8000),
            "the reversal nets the car line to zero"
        );
        assert!(
            matches!(twice, Err(DbError::Conflict)),
            "a line is reversed once: {twice:?}"
        );
        assert_eq!(
            stored
                .iter()
                .map(|l| (l.kind.as_str(), l.amount_pence, l.reverses_line_id))
                .collect::<Vec<_>>(),
            vec![
                ("fee", 7500, None),
                ("expense", 1350, None),
                ("expense", 500, None),
                ("reversal", -1350, Some(lines[1])),
            ]
        );
        assert_eq!(stored[1].miles_tenths, Some(300));
        assert_refused(update, "claim lines are append-only");
        assert_refused(delete, "claim lines are append-only");
        assert_refused(broken, "check constraint");
        assert_eq!(
            cairn_db::payments::lines(&mut c, id)
                .await
                .expect("lines")
                .len(),
            4
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_claim_step_is_one_conditional_update_and_two_different_people_always_sign() {
    both_engines(|db| async move {
        // Setup: Mo claims; Lee (a lead) approves; Pat is Lee's person, also in finance; Fin
        // is in finance.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let mo = person(&mut c, org, "Mo", Constituency::ServiceUser, &[]).await;
        let lee_person = person(&mut c, org, "Lee", Constituency::Staff, &[]).await;
        let fin_person = person(&mut c, org, "Fin", Constituency::Staff, &[]).await;
        let lee = user(&mut c, Some(org), "lee@org-a.example", Role::Lead).await;
        let lee_finance = user(&mut c, Some(org), "lee.f@org-a.example", Role::Finance).await;
        let fin = user(&mut c, Some(org), "fin@org-a.example", Role::Finance).await;
        let fin2 = user(&mut c, Some(org), "fin2@org-a.example", Role::Finance).await;
        let (id, _) = claim_with(
            &mut c,
            org,
            mo,
            None,
            "2026-03-23",
            &[money("fee", None, None, 7500, true, None)],
        )
        .await;
        let (other, _) = claim_with(&mut c, org, mo, None, "2026-03-24", &[]).await;

        // Exec
        let approve_draft = cairn_db::payments::approve(&mut c, id, lee, Some(lee_person), NOW)
            .await
            .expect("approve");
        let submit = cairn_db::payments::submit(&mut c, id, NOW)
            .await
            .expect("submit");
        let resubmit = cairn_db::payments::submit(&mut c, id, NOW)
            .await
            .expect("submit");
        let by_claimant = cairn_db::payments::approve(&mut c, id, lee, Some(mo), NOW)
            .await
            .expect("approve");
        let approve = cairn_db::payments::approve(&mut c, id, lee, Some(lee_person), NOW + 1)
            .await
            .expect("approve");
        let reapprove = cairn_db::payments::approve(&mut c, id, fin, None, NOW)
            .await
            .expect("approve");
        let by_approver = cairn_db::payments::authorise(&mut c, id, lee, None, NOW)
            .await
            .expect("authorise");
        let by_approvers_person =
            cairn_db::payments::authorise(&mut c, id, lee_finance, Some(lee_person), NOW)
                .await
                .expect("authorise");
        let by_claimant_person = cairn_db::payments::authorise(&mut c, id, fin, Some(mo), NOW)
            .await
            .expect("authorise");
        let authorise = cairn_db::payments::authorise(&mut c, id, fin, Some(fin_person), NOW + 2)
            .await
            .expect("authorise");
        let twice = cairn_db::payments::authorise(&mut c, id, fin2, None, NOW)
            .await
            .expect("authorise");
        let reject_authorised = cairn_db::payments::reject(&mut c, id, fin2, "No", NOW)
            .await
            .expect("reject");
        assert!(
            cairn_db::payments::submit(&mut c, other, NOW)
                .await
                .expect("submit")
        );
        let reject = cairn_db::payments::reject(&mut c, other, lee, "Not ours", NOW + 3)
            .await
            .expect("reject");
        let approve_rejected = cairn_db::payments::approve(&mut c, other, lee, None, NOW)
            .await
            .expect("approve");

        // Check
        assert!(!approve_draft, "only a submitted claim is approved");
        assert!(submit && !resubmit);
        assert!(!by_claimant, "the claimant never approves");
        assert!(approve && !reapprove);
        assert!(!by_approver, "the approving account never authorises");
        assert!(
            !by_approvers_person,
            "nor does the approver's person from another account"
        );
        assert!(!by_claimant_person, "the claimant never authorises");
        assert!(authorise && !twice);
        assert!(!reject_authorised, "an authorised claim is past rejecting");
        assert!(reject && !approve_rejected);
        let a = cairn_db::payments::get_claim(&mut c, org, id)
            .await
            .expect("get")
            .expect("claim");
        assert_eq!(a.status, cairn_domain::payments::ClaimStatus::Authorised);
        assert_eq!(
            (
                a.submitted_at,
                a.approved_at,
                a.approved_by_user_id,
                a.approved_by_person_id
            ),
            (Some(NOW), Some(NOW + 1), Some(lee), Some(lee_person))
        );
        assert_eq!(
            (a.authorised_at, a.authorised_by_user_id),
            (Some(NOW + 2), Some(fin))
        );
        let r = cairn_db::payments::get_claim(&mut c, org, other)
            .await
            .expect("get")
            .expect("claim");
        assert_eq!(
            (r.status, r.rejected_at, r.reject_reason.as_deref()),
            (
                cairn_domain::payments::ClaimStatus::Rejected,
                Some(NOW + 3),
                Some("Not ours")
            )
        );
        assert_eq!(
            cairn_db::payments::counts_by_status(&mut c, org)
                .await
                .expect("counts"),
            vec![("authorised".to_owned(), 1), ("rejected".to_owned(), 1)]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn car_miles_count_the_dates_given_and_leave_out_rejected_claims_reversed_lines_and_other_modes()
 {
    use cairn_domain::payments::ExpenseCategory;
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let mo = person(&mut c, org, "Mo", Constituency::ServiceUser, &[]).await;
        let jo = person(&mut c, org, "Jo", Constituency::Carer, &[]).await;
        let lee = user(&mut c, Some(org), "lee@org-a.example", Role::Lead).await;
        // A draft still counts: it has been claimed.
        claim_with(&mut c, org, mo, None, "2025-06-01", &[car(1000)]).await;
        let (rejected, _) = claim_with(&mut c, org, mo, None, "2025-07-01", &[car(500)]).await;
        assert!(
            cairn_db::payments::submit(&mut c, rejected, NOW)
                .await
                .expect("submit")
        );
        assert!(
            cairn_db::payments::reject(&mut c, rejected, lee, "No", NOW)
                .await
                .expect("reject")
        );
        let (corrected, lines) =
            claim_with(&mut c, org, mo, None, "2025-08-01", &[car(200), car(40)]).await;
        cairn_db::payments::add_line(
            &mut c,
            corrected,
            &money(
                "reversal",
                Some(ExpenseCategory::MileageCar),
                None,
                -900,
                false,
                Some(lines[0]),
            ),
            NOW,
            "lead",
        )
        .await
        .expect("reverse");
        claim_with(
            &mut c,
            org,
            mo,
            None,
            "2025-09-01",
            &[money(
                "expense",
                Some(ExpenseCategory::MileagePassenger),
                Some(90),
                45,
                false,
                None,
            )],
        )
        .await;
        claim_with(&mut c, org, mo, None, "2026-04-06", &[car(70)]).await;
        claim_with(&mut c, org, jo, None, "2025-06-01", &[car(300)]).await;

        // Exec
        let mut miles = Vec::new();
        for (from, to) in [
            ("2025-04-06", "2026-04-05"),
            ("2025-04-06", "2025-06-01"),
            ("2025-04-06", "2025-05-31"),
            ("2026-04-06", "2027-04-05"),
        ] {
            miles.push(
                cairn_db::payments::car_miles_since(&mut c, mo, from, to)
                    .await
                    .expect("miles"),
            );
        }

        // Check
        assert_eq!(
            miles,
            vec![1040, 1000, 0, 70],
            "the tax year; its first day inclusive; nothing before; the next year alone"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_takes_all_of_its_claims_or_none_and_its_lines_claims_and_total_reconcile() {
    both_engines(|db| async move {
        // Setup: three authorised claims and one only approved.
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, service) = org_with_service(&mut c, "Org A").await;
        let (other_org, _) = org_with_service(&mut c, "Org B").await;
        let u = unit(&mut c, org, service, "Alder").await;
        let mo = person(&mut c, org, "Mo", Constituency::ServiceUser, &[u]).await;
        let ana = person(&mut c, org, "Ana", Constituency::Carer, &[u]).await;
        let lee = user(&mut c, Some(org), "lee@org-a.example", Role::Lead).await;
        let fin = user(&mut c, Some(org), "fin@org-a.example", Role::Finance).await;
        let a = authorised_claim(&mut c, org, mo, Some(u), 7500, lee, fin).await;
        let b = authorised_claim(&mut c, org, ana, Some(u), 2000, lee, fin).await;
        let d = authorised_claim(&mut c, org, mo, None, 1380, lee, fin).await;
        let (approved_only, _) = claim_with(
            &mut c,
            org,
            mo,
            None,
            "2026-03-23",
            &[money("fee", None, None, 100, true, None)],
        )
        .await;
        assert!(
            cairn_db::payments::submit(&mut c, approved_only, NOW)
                .await
                .expect("submit")
        );
        assert!(
            cairn_db::payments::approve(&mut c, approved_only, lee, None, NOW)
                .await
                .expect("approve")
        );
        drop(h);

        // Exec
        let mut tx = db.begin().await.expect("begin");
        let mixed =
            cairn_db::payments::create_run(&mut tx.conn(), org, fin, &[a, approved_only], NOW)
                .await
                .expect("run");
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        let run = cairn_db::payments::create_run(&mut tx.conn(), org, fin, &[a, b], NOW)
            .await
            .expect("run")
            .expect("a run of two authorised claims");
        tx.commit().await.expect("commit");
        // The caller rolls back a refused run: each attempt is a transaction dropped.
        let mut refused = Vec::new();
        for (o, ids) in [(org, vec![b, d]), (other_org, vec![d])] {
            let mut tx = db.begin().await.expect("begin");
            refused.push(
                cairn_db::payments::create_run(&mut tx.conn(), o, fin, &ids, NOW)
                    .await
                    .expect("run"),
            );
        }
        let (overlapping, foreign) = (refused[0], refused[1]);
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let sums = cairn_db::payments::run_sums(&mut c, run)
            .await
            .expect("sums");
        let rows = cairn_db::payments::export_rows(&mut c, run)
            .await
            .expect("rows");
        let paid_before_lock = cairn_db::payments::mark_paid(&mut c, run, fin, NOW)
            .await
            .expect("paid");
        let lock = cairn_db::payments::lock_run(&mut c, run, fin, NOW)
            .await
            .expect("lock");
        let relock = cairn_db::payments::lock_run(&mut c, run, fin, NOW)
            .await
            .expect("lock");
        let paid = cairn_db::payments::mark_paid(&mut c, run, fin, NOW + MINUTE)
            .await
            .expect("paid");
        let repaid = cairn_db::payments::mark_paid(&mut c, run, fin, NOW)
            .await
            .expect("paid");

        // Check
        assert_eq!(mixed, None, "one claim not authorised: no run");
        assert_eq!(overlapping, None, "one claim already in a run: no run");
        assert_eq!(foreign, None, "another organisation's claims never join");
        let total = 7500 + 2000 + 2 * 45;
        assert_eq!(sums, (total, total, total));
        assert_eq!(
            rows.iter()
                .map(|r| (r.person_name.as_str(), r.claim_id, r.unit_name.as_deref()))
                .collect::<Vec<_>>(),
            vec![("Ana", b, Some("Alder")), ("Mo", a, Some("Alder"))],
            "by name"
        );
        assert!(!paid_before_lock && lock && !relock && paid && !repaid);
        let runs = cairn_db::payments::runs(&mut c, org).await.expect("runs");
        assert_eq!(
            runs.len(),
            1,
            "the refused runs were rolled back or never made"
        );
        assert_eq!(
            (
                runs[0].id,
                runs[0].status.as_str(),
                runs[0].claims_count,
                runs[0].total_pence,
                runs[0].paid_at
            ),
            (run, "paid", 2, total, Some(NOW + MINUTE))
        );
        for (id, status, run_id) in [
            (a, "paid", Some(run)),
            (b, "paid", Some(run)),
            (d, "authorised", None),
            (approved_only, "approved", None),
        ] {
            let cl = cairn_db::payments::get_claim(&mut c, org, id)
                .await
                .expect("get")
                .expect("claim");
            assert_eq!((cl.status.key(), cl.run_id), (status, run_id), "claim {id}");
        }
        let paid_rows = cairn_db::payments::paid_between(&mut c, org, NOW, NOW + DAY)
            .await
            .expect("paid");
        assert_eq!(paid_rows.iter().map(|r| r.total_pence).sum::<i64>(), total);
        assert!(
            cairn_db::payments::paid_between(&mut c, org, NOW + DAY, NOW + 2 * DAY)
                .await
                .expect("paid")
                .is_empty()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_keeps_every_byte_and_is_read_only_within_its_organisation() {
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let (other_org, _) = org_with_service(&mut c, "Org B").await;
        let mo = person(&mut c, org, "Mo", Constituency::ServiceUser, &[]).await;
        let (claim, _) = claim_with(&mut c, org, mo, None, "2026-03-23", &[]).await;
        let mut body = b"%PDF-1.7\n".to_vec();
        for _ in 0..4 {
            body.extend(0..=255u8);
        }

        // Exec
        let id = cairn_db::payments::insert_receipt(
            &mut c,
            claim,
            "application/pdf",
            &body,
            "abc123",
            NOW,
            "mo@example.org",
        )
        .await
        .expect("insert");
        let read = cairn_db::payments::receipt_body(&mut c, org, id)
            .await
            .expect("read");
        let elsewhere = cairn_db::payments::receipt_body(&mut c, other_org, id)
            .await
            .expect("read");
        let listed = cairn_db::payments::receipts(&mut c, claim)
            .await
            .expect("list");
        let text = cairn_db::payments::insert_receipt(
            &mut c,
            claim,
            "text/plain",
            b"hello",
            "def",
            NOW,
            "mo@example.org",
        )
        .await;

        // Check
        let (r, bytes) = read.expect("found in its organisation");
        assert_eq!(bytes, body, "byte for byte");
        assert_eq!(
            (
                r.claim_id,
                r.content_type.as_str(),
                r.size_bytes,
                r.sha256.as_str()
            ),
            (claim, "application/pdf", body.len() as i64, "abc123")
        );
        assert!(elsewhere.is_none());
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, id);
        assert!(text.is_err(), "only JPEG, PNG and PDF are kept: {text:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn income_by_day_splits_income_from_expenses_per_day_and_status_leaving_out_drafts_and_rejected()
 {
    use cairn_domain::payments::ExpenseCategory;
    both_engines(|db| async move {
        // Setup
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        let (org, _) = org_with_service(&mut c, "Org A").await;
        let mo = person(&mut c, org, "Mo", Constituency::ServiceUser, &[]).await;
        let lee = user(&mut c, Some(org), "lee@org-a.example", Role::Lead).await;
        let bus = money(
            "expense",
            Some(ExpenseCategory::PublicTransport),
            None,
            1200,
            false,
            None,
        );
        let online = money(
            "expense",
            Some(ExpenseCategory::OnlineAllowance),
            None,
            500,
            true,
            None,
        );
        let fee = |p| money("fee", None, None, p, true, None);
        let mut submitted = Vec::new();
        for (on, lines) in [
            ("2026-03-02", vec![fee(4000), bus.clone()]),
            ("2026-03-02", vec![fee(2000), online.clone()]),
            ("2026-03-09", vec![fee(1000)]),
            ("2026-03-10", vec![fee(9999)]),
        ] {
            let (id, _) = claim_with(&mut c, org, mo, None, on, &lines).await;
            assert!(
                cairn_db::payments::submit(&mut c, id, NOW)
                    .await
                    .expect("submit")
            );
            submitted.push(id);
        }
        assert!(
            cairn_db::payments::approve(&mut c, submitted[2], lee, None, NOW)
                .await
                .expect("approve")
        );
        assert!(
            cairn_db::payments::reject(&mut c, submitted[3], lee, "Duplicate", NOW)
                .await
                .expect("reject")
        );
        claim_with(&mut c, org, mo, None, "2026-03-09", &[fee(7777)]).await;
        claim_with(&mut c, org, mo, None, "2026-04-01", &[fee(3333)]).await;

        // Exec
        let rows = cairn_db::payments::income_by_day(&mut c, mo, "2026-03-01", "2026-03-31")
            .await
            .expect("income");
        cairn_db::payments::set_profile(
            &mut c,
            &cairn_db::payments::Profile {
                person_id: mo,
                choice: cairn_domain::payments::PaymentChoice::Lower,
                lower_pence: Some(3000),
                limit_period: Some("week".into()),
                limit_pence: Some(5000),
                limit_preset_id: None,
                updated_at: NOW,
                updated_by_label: "mo@example.org".into(),
                hold_at_limit: false,
                over_limit: None,
            },
        )
        .await
        .expect("profile");
        cairn_db::payments::set_profile(
            &mut c,
            &cairn_db::payments::Profile {
                person_id: mo,
                choice: cairn_domain::payments::PaymentChoice::Nothing,
                lower_pence: None,
                limit_period: None,
                limit_pence: None,
                limit_preset_id: None,
                updated_at: NOW + 1,
                updated_by_label: "staff@org-a.example".into(),
                hold_at_limit: false,
                over_limit: None,
            },
        )
        .await
        .expect("replace profile");
        let profile = cairn_db::payments::profile(&mut c, mo)
            .await
            .expect("profile")
            .expect("set");

        // Check
        assert_eq!(
            rows,
            vec![
                ("2026-03-02".to_owned(), "submitted".to_owned(), 6500, 1200),
                ("2026-03-09".to_owned(), "approved".to_owned(), 1000, 0),
            ],
            "fees and the allowance are income; the bus fare is not"
        );
        assert_eq!(
            (
                profile.choice,
                profile.lower_pence,
                profile.limit_pence,
                profile.updated_at
            ),
            (
                cairn_domain::payments::PaymentChoice::Nothing,
                None,
                None,
                NOW + 1
            ),
            "the second profile replaced the first"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Recovery after a failed write: no connection goes back to the pool inside a transaction
// ---------------------------------------------------------------------------------------------

/// One connection only, so a connection left inside a transaction would be the next one used.
async fn single_connection(url: &str) -> Db {
    Db::connect(url, &cairn_db::ConnectOptions { max_connections: 1 })
        .await
        .expect("open a one-connection pool")
}

/// A write in a transaction of its own that commits.
async fn small_write(db: &Db, text: &str) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    cairn_db::execute!(
        &mut tx.conn(),
        "INSERT INTO scratch (body) VALUES ($1)",
        text
    )?;
    tx.commit().await
}

async fn scratch_rows(db: &Db) -> i64 {
    let mut h = db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, "SELECT COUNT(*) FROM scratch").expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_writes_work_again_once_a_full_database_has_room() {
    // Setup: a one-connection pool on a file; SQLite is told the file may not grow
    // (max_page_count is per connection, so it binds the pool's only connection).
    let t = cairn_testkit::sqlite().await;
    let db = single_connection(&t.url).await;
    {
        let mut h = db.acquire().await.expect("acquire");
        let mut c = h.conn();
        cairn_db::execute!(&mut c, "CREATE TABLE scratch (body TEXT NOT NULL)").expect("table");
        let pages: i64 =
            cairn_db::fetch_scalar!(&mut c, i64, "PRAGMA page_count").expect("page count");
        cairn_db::execute!(&mut c, &format!("PRAGMA max_page_count = {pages}")).expect("limit");
    }
    // Exec: a write too big for the room left fails as the disk being full would.
    let big = "x".repeat(2 * 1024 * 1024);
    let full = small_write(&db, &big).await;
    assert!(full.is_err(), "a write past max_page_count must fail");
    // Free the room (the pragma raises the limit on whichever connection the pool gives; the
    // failed one may have been closed and replaced, which is what makes recovery certain).
    {
        let mut h = db.acquire().await.expect("acquire after the failure");
        cairn_db::execute!(&mut h.conn(), "PRAGMA max_page_count = 1073741823")
            .expect("raise the limit");
    }
    // Check: the next write works, reads work, and nothing of the failed writes was kept.
    small_write(&db, "after")
        .await
        .expect("a write once there is room");
    db.ping().await.expect("ping");
    assert_eq!(scratch_rows(&db).await, 1);
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sqlite_connection_of_the_pool_keeps_sixteen_mebibytes_of_pages() {
    // Setup: a pool of two on a file, both connections held at once so both are asked.
    let t = cairn_testkit::sqlite().await;
    let db = Db::connect(&t.url, &cairn_db::ConnectOptions { max_connections: 2 })
        .await
        .expect("open a pool of two");
    let (mut first, mut second) = (
        db.acquire().await.expect("first connection"),
        db.acquire().await.expect("second connection"),
    );
    for h in [&mut first, &mut second] {
        // Exec: SQLite reports a size set in KiB as its negative.
        let kib: i64 =
            cairn_db::fetch_scalar!(&mut h.conn(), i64, "PRAGMA cache_size").expect("cache size");
        // Check: the size asked for, not SQLite's 2 MiB default.
        assert_eq!(kib, -16 * 1024);
        assert_eq!(kib, -i64::from(cairn_db::SQLITE_CACHE_KIB));
    }
    drop((first, second));
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_commit_or_statement_leaves_no_connection_inside_a_transaction_on_both_engines() {
    let s = cairn_testkit::sqlite().await;
    let p = cairn_testkit::postgres().await;
    let mut urls = vec![(Engine::Sqlite, s.url.clone())];
    if let Some(p) = &p {
        urls.push((Engine::Postgres, p.url.clone()));
    }
    for (engine, url) in urls {
        let db = single_connection(&url).await;
        // Setup: a parent and child whose foreign key is checked only at COMMIT.
        {
            let mut h = db.acquire().await.expect("acquire");
            let mut c = h.conn();
            cairn_db::execute!(&mut c, "CREATE TABLE scratch (body TEXT NOT NULL)").expect("t");
            cairn_db::execute!(&mut c, "CREATE TABLE parent (id BIGINT PRIMARY KEY)").expect("p");
            cairn_db::execute!(
                &mut c,
                "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL \
                 REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
            )
            .expect("child");
        }
        // Exec 1: COMMIT fails (the deferred reference is missing).
        let mut tx = db.begin().await.expect("begin");
        cairn_db::execute!(
            &mut tx.conn(),
            "INSERT INTO child (id, parent_id) VALUES (1, 99)"
        )
        .expect("insert child: checked only at commit");
        let commit = tx.commit().await;
        assert!(commit.is_err(), "{engine:?}: commit must fail");
        small_write(&db, "after a failed commit")
            .await
            .unwrap_or_else(|e| panic!("{engine:?}: write after a failed commit: {e}"));
        // Exec 2: a statement fails inside the transaction, which is then dropped.
        {
            let mut tx = db.begin().await.expect("begin");
            let bad = cairn_db::execute!(&mut tx.conn(), "INSERT INTO missing_table VALUES (1)");
            assert!(bad.is_err(), "{engine:?}: the statement must fail");
        }
        small_write(&db, "after a failed statement")
            .await
            .unwrap_or_else(|e| panic!("{engine:?}: write after a failed statement: {e}"));
        // Check: exactly the two good writes are there, and nothing of the failed ones.
        assert_eq!(scratch_rows(&db).await, 2, "{engine:?}");
        let mut h = db.acquire().await.expect("acquire");
        let children: i64 =
            cairn_db::fetch_scalar!(&mut h.conn(), i64, "SELECT COUNT(*) FROM child").expect("n");
        assert_eq!(children, 0, "{engine:?}: the failed commit kept nothing");
        drop(h);
        db.close().await;
    }
}
