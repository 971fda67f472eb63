//! Text written in English and Welsh: publishing in either or both, the translation list, a
//! batch back from the translation service, and public pages that wait for both languages.
//! Every body runs on SQLite and PostgreSQL.

use crate::common::*;
use cairn_app::{Actor, App, AppError, feedback, translation};
use cairn_domain::Role;
use cairn_domain::feedback::SuggestionDraft;
use cairn_domain::people::Language;
use cairn_domain::translation::{Bilingual, Field};
use cairn_testkit::both_engines;

async fn entered(app: &App, actor: &Actor, unit: i64, text: &str) -> i64 {
    let d = SuggestionDraft {
        unit_id: Some(unit),
        text: text.into(),
        channel: "meeting".into(),
        ..Default::default()
    };
    feedback::enter(app, actor, &d, Language::En)
        .await
        .expect("enter")
}

async fn stored(app: &App, org: i64, id: i64) -> cairn_db::feedback::Suggestion {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::feedback::get(&mut h.conn(), org, id)
        .await
        .expect("get")
        .expect("exists")
}

/// The (field, id, language needed) of everything on the list.
async fn listed(app: &App, actor: &Actor) -> Vec<(Field, i64, Language)> {
    translation::waiting(app, actor)
        .await
        .expect("list")
        .into_iter()
        .flat_map(|(f, rows)| rows.into_iter().map(move |w| (f, w.id, w.needs())))
        .collect()
}

async fn board_ids(app: &App, org: i64, unit: i64) -> Vec<i64> {
    let (_, _, items, _) = feedback::board(app, org, Some(unit), 52)
        .await
        .expect("board");
    items.iter().map(|i| i.id).collect()
}

/// A service user on `unit` who reads Cairn in Welsh.
async fn welsh_speaker(app: &App, org: &Org, unit: i64, name: &str) -> i64 {
    cairn_app::people::create(
        app,
        &org.admin,
        &cairn_domain::people::PersonDraft {
            chosen_name: name.into(),
            constituency: "service_user".into(),
            unit_ids: vec![unit],
            status: "active".into(),
            preferred_language: "cy".into(),
            ..Default::default()
        },
    )
    .await
    .expect("person")
}

fn line(f: Field, id: i64, lang: &str, text: &str) -> [String; 4] {
    [
        f.key().to_owned(),
        id.to_string(),
        lang.to_owned(),
        text.to_owned(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_wording_in_one_language_waits_on_the_list_until_the_other_is_added_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let english = entered(&app, &org.admin, u, "The TV room is cold").await;
        let welsh = entered(&app, &org.admin, u, "Mae'r lolfa'n oer").await;
        let both = entered(&app, &org.admin, u, "More fruit").await;

        // Exec
        feedback::publish(&app, &org.admin, english, "The TV room is too cold")
            .await
            .expect("publish en");
        feedback::publish(
            &app,
            &org.admin,
            welsh,
            Bilingual::new(None, Some("Mae'r lolfa'n rhy oer")),
        )
        .await
        .expect("publish cy");
        feedback::publish(
            &app,
            &org.admin,
            both,
            Bilingual::new(Some("More fruit"), Some("Mwy o ffrwythau")),
        )
        .await
        .expect("publish both");
        let before = listed(&app, &org.admin).await;
        translation::fill(
            &app,
            &org.admin,
            Field::SuggestionPublicText,
            english,
            Language::Cy,
            "Mae'r ystafell deledu'n rhy oer",
        )
        .await
        .expect("fill");
        let again = translation::fill(
            &app,
            &org.admin,
            Field::SuggestionPublicText,
            english,
            Language::Cy,
            "Something else",
        )
        .await;
        let after = listed(&app, &org.admin).await;

        // Check
        assert!(before.contains(&(Field::SuggestionPublicText, english, Language::Cy)));
        assert!(before.contains(&(Field::SuggestionPublicText, welsh, Language::En)));
        assert!(
            !before.iter().any(|(_, id, _)| *id == both),
            "a text in both languages is not on the list"
        );
        assert!(!after.iter().any(|(_, id, _)| *id == english));
        assert!(after.contains(&(Field::SuggestionPublicText, welsh, Language::En)));
        let s = stored(&app, org.id, english).await;
        assert_eq!(s.public_text.as_deref(), Some("The TV room is too cold"));
        assert_eq!(
            s.public_text_cy.as_deref(),
            Some("Mae'r ystafell deledu'n rhy oer")
        );
        assert!(
            matches!(again, Err(AppError::Conflict(_))),
            "a translation never overwrites one already there: {again:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_needs_some_wording_in_either_language_and_each_is_checked_on_its_own_field() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(&app, &org.admin, u, "A bench").await;

        // Exec
        let empty = feedback::publish(&app, &org.admin, id, Bilingual::new(Some(" "), None)).await;
        let long_welsh = feedback::publish(
            &app,
            &org.admin,
            id,
            Bilingual::new(Some("A bench"), Some(&"a".repeat(2001))),
        )
        .await;

        // Check
        match empty {
            Err(AppError::Invalid(e)) => assert!(e.for_field("public_text").is_some()),
            other => panic!("expected a field error, got {other:?}"),
        }
        match long_welsh {
            Err(AppError::Invalid(e)) => {
                assert!(e.for_field("public_text_cy").is_some());
                assert!(e.for_field("public_text").is_none());
            }
            other => panic!("expected a field error, got {other:?}"),
        }
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.public_text, None, "nothing was published");
        assert_eq!(s.public_text_cy, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_board_waits_for_both_languages_only_when_the_organisation_asks_it_to() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(&app, &org.admin, u, "Fruit").await;
        feedback::publish(&app, &org.admin, id, "More fruit")
            .await
            .expect("publish");
        feedback::transition(&app, &org.admin, id, "done", Some("Fruit daily"), None)
            .await
            .expect("close");

        // Exec
        let shown_at_once = board_ids(&app, org.id, u).await;
        translation::set_board_needs_both(&app, &org.admin, true)
            .await
            .expect("setting");
        let while_english_only = board_ids(&app, org.id, u).await;
        let rows = vec![
            line(Field::SuggestionPublicText, id, "cy", "Mwy o ffrwythau"),
            line(Field::SuggestionResponse, id, "cy", "Ffrwythau bob dydd"),
        ];
        let imported = translation::import(&app, &org.admin, &rows)
            .await
            .expect("import")
            .expect("every line reads");
        let once_translated = board_ids(&app, org.id, u).await;

        // Check
        assert_eq!(shown_at_once, vec![id], "by default it shows, marked");
        assert!(
            while_english_only.is_empty(),
            "held back until Welsh exists"
        );
        assert_eq!(imported.added, 2);
        assert_eq!(once_translated, vec![id]);
        let (_, _, items, _) = feedback::board(&app, org.id, Some(u), 52)
            .await
            .expect("board");
        assert_eq!(items[0].we_did.cy.as_deref(), Some("Ffrwythau bob dydd"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returned_file_with_a_bad_line_changes_nothing_and_blank_or_done_lines_are_skipped() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let a = entered(&app, &org.admin, u, "A").await;
        let b = entered(&app, &org.admin, u, "B").await;
        for (id, text) in [(a, "Kettle"), (b, "Bench")] {
            feedback::publish(&app, &org.admin, id, text)
                .await
                .expect("publish");
        }

        // Exec
        let bad = translation::import(
            &app,
            &org.admin,
            &[
                line(Field::SuggestionPublicText, a, "cy", "Tegell"),
                ["password".into(), b.to_string(), "cy".into(), "x".into()],
                line(Field::SuggestionPublicText, b, "fr", "Banc"),
            ],
        )
        .await
        .expect("import runs");
        let unchanged = stored(&app, org.id, a).await;
        let good = translation::import(
            &app,
            &org.admin,
            &[
                line(Field::SuggestionPublicText, a, "cy", "Tegell"),
                line(Field::SuggestionPublicText, b, "cy", "  "),
            ],
        )
        .await
        .expect("import runs")
        .expect("reads");
        let twice = translation::import(
            &app,
            &org.admin,
            &[line(Field::SuggestionPublicText, a, "cy", "Tegell arall")],
        )
        .await
        .expect("import runs")
        .expect("reads");

        // Check
        let refused = bad.expect_err("refused");
        let lines: Vec<usize> = refused.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4], "line numbers count the heading as 1");
        assert_eq!(unchanged.public_text_cy, None, "nothing half applied");
        assert_eq!(
            (good.added, good.skipped),
            (1, 0),
            "a blank line is not done yet"
        );
        assert_eq!((twice.added, twice.skipped), (0, 1));
        assert_eq!(
            stored(&app, org.id, a).await.public_text_cy.as_deref(),
            Some("Tegell")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisations_text_and_unit_staff_are_kept_off_the_list() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let a = org(&app, "Org A", "admin@org-a.example").await;
        let b = org(&app, "Org B", "admin@org-b.example").await;
        let ua = unit(&app, &a, "Alder").await;
        let theirs = entered(&app, &a.admin, ua, "Theirs").await;
        feedback::publish(&app, &a.admin, theirs, "Theirs")
            .await
            .expect("publish");
        let staff = account(
            &app,
            &a,
            "staff@org-a.example",
            Role::UnitStaff,
            &[ua],
            None,
        )
        .await;

        // Exec
        let other_org = translation::fill(
            &app,
            &b.admin,
            Field::SuggestionPublicText,
            theirs,
            Language::Cy,
            "Eu testun",
        )
        .await;
        let b_list = listed(&app, &b.admin).await;
        let by_staff = translation::waiting(&app, &staff).await;

        // Check
        assert!(
            matches!(other_org, Err(AppError::Conflict(_))),
            "nothing of another organisation's is written: {other_org:?}"
        );
        assert!(b_list.is_empty());
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        assert_eq!(stored(&app, a.id, theirs).await.public_text_cy, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reason_for_keeping_a_suggestion_private_reaches_the_member_in_their_language() {
    both_engines(|db| async move {
        // Setup: a Welsh-speaking member sends a suggestion signed in.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let pid = welsh_speaker(&app, &org, u, "Mair").await;
        let member = account(
            &app,
            &org,
            "mair@org-a.example",
            Role::Member,
            &[],
            Some(pid),
        )
        .await;
        let draft = SuggestionDraft {
            unit_id: Some(u),
            text: "Mae Sam ar y shifft nos yn anghwrtais".into(),
            ..Default::default()
        };
        let id = feedback::submit_online(&app, &member, &draft, Language::Cy)
            .await
            .expect("submit");

        // Exec
        let neither = feedback::keep_private(&app, &org.admin, id, Bilingual::default()).await;
        feedback::keep_private(
            &app,
            &org.admin,
            id,
            Bilingual::new(
                Some("It names a member of staff"),
                Some("Mae'n enwi aelod o staff"),
            ),
        )
        .await
        .expect("kept private");
        let in_welsh = cairn_app::notices::for_actor(&app, &member, Language::Cy)
            .await
            .expect("notices");
        let in_english = cairn_app::notices::for_actor(&app, &member, Language::En)
            .await
            .expect("notices");

        // Check
        assert!(matches!(neither, Err(AppError::Invalid(_))), "{neither:?}");
        assert!(
            in_welsh
                .iter()
                .any(|n| n.text.contains("reason=Mae'n enwi aelod o staff")),
            "{in_welsh:?}"
        );
        assert!(
            in_english
                .iter()
                .any(|n| n.text.contains("reason=It names a member of staff")),
            "{in_english:?}"
        );
        assert_eq!(
            stored(&app, org.id, id).await.visibility,
            cairn_domain::feedback::Visibility::Private
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_listed_in_welsh_order_page_through_the_welsh_alphabet() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        for name in ["Llinos", "Lowri", "Lewis", "Rhys", "Ruth"] {
            welsh_speaker(&app, &org, u, name).await;
        }
        // One row as it was before the key existed: migrating again gives it one.
        {
            let mut tx = app.db.begin().await.expect("begin");
            cairn_db::execute!(
                &mut tx.conn(),
                "UPDATE people SET sort_key_cy = '' WHERE chosen_name = 'Lowri'"
            )
            .expect("blank");
            tx.commit().await.expect("commit");
        }
        app.db.migrate().await.expect("migrate");
        let page = |after: Option<(String, i64)>, welsh: bool| {
            let app = app.clone();
            let admin = org.admin.clone();
            async move {
                cairn_app::people::list(
                    &app,
                    &admin,
                    cairn_db::people::PeopleQuery {
                        after,
                        limit: 3,
                        welsh_order: welsh,
                        ..Default::default()
                    },
                )
                .await
                .expect("list")
                .into_iter()
                .map(|p| (p.person.chosen_name, p.person.id))
                .collect::<Vec<_>>()
            }
        };

        // Exec
        let first = page(None, true).await;
        let next = page(first.last().cloned(), true).await;
        let english = page(None, false).await;

        // Check
        let names = |v: &[(String, i64)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&first), ["Lewis", "Lowri", "Llinos"]);
        assert_eq!(names(&next), ["Ruth", "Rhys"], "rh is a letter after r");
        assert_eq!(names(&english), ["Lewis", "Llinos", "Lowri"]);
    })
    .await;
}
