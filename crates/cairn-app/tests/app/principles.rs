//! Use-case tests for the guiding principles: the starting text becomes version 1 once, a new
//! version asks people again only when it is a material change, an acknowledgement is never
//! changed, the lead sees who has read which version by constituency, and a person's export
//! holds what they acknowledged. Every body runs on SQLite and PostgreSQL.

use crate::payments::{member, world};
use cairn_app::AppError;
use cairn_app::principles;
use cairn_domain::principles::{BUILT_IN_CY, BUILT_IN_EN, PrinciplesDraft};
use cairn_testkit::both_engines;

fn draft(change: &str, material: bool) -> PrinciplesDraft {
    PrinciplesDraft {
        text_en: format!("We work together. ({change})"),
        text_cy: format!("Rydym yn cydweithio. ({change})"),
        easy_en: "We work together.".into(),
        easy_cy: "Rydym yn cydweithio.".into(),
        change: change.into(),
        material: material.then(|| "yes".into()),
    }
}

#[tokio::test]
async fn only_a_material_change_asks_people_to_read_the_principles_again() {
    both_engines(|db| async move {
        let w = world(db).await;
        let (ann, ann_id) = member(&w, "Ann", "service_user", &[w.alder]).await;
        // Before anyone opens them, the starting text is what people are asked to read.
        assert!(principles::asked(&w.app, &ann).await.expect("asked"));
        let first = principles::principles(&w.app, &ann).await.expect("read");
        assert_eq!(first.current.version, 1);
        assert_eq!(first.current.text_en, BUILT_IN_EN);
        assert_eq!(first.current.text_cy, BUILT_IN_CY);
        assert!(first.asked);
        // Reading twice makes no second starting version.
        principles::principles(&w.app, &w.lead).await.expect("read");
        assert_eq!(
            principles::principles(&w.app, &ann)
                .await
                .expect("read")
                .history
                .len(),
            1
        );

        let (v, at, added) = principles::acknowledge(&w.app, &ann).await.expect("ack");
        assert_eq!((v, added), (1, true));
        assert!(!principles::asked(&w.app, &ann).await.expect("asked"));
        // Again: nothing changes, the first acknowledgement stands.
        assert_eq!(
            principles::acknowledge(&w.app, &ann).await.expect("again"),
            (1, at, false)
        );

        // A small change: nobody is asked again.
        assert_eq!(
            principles::publish(&w.app, &w.lead, &draft("Spelling", false))
                .await
                .expect("v2"),
            2
        );
        assert!(!principles::asked(&w.app, &ann).await.expect("asked"));
        // A material change: everyone is.
        assert_eq!(
            principles::publish(&w.app, &w.lead, &draft("A principle about carers", true))
                .await
                .expect("v3"),
            3
        );
        let p = principles::principles(&w.app, &ann).await.expect("read");
        assert!(p.asked);
        assert_eq!(p.current.change_note, "A principle about carers");
        assert_eq!(
            p.history.iter().map(|v| v.version).collect::<Vec<_>>(),
            vec![3, 2, 1]
        );
        principles::acknowledge(&w.app, &ann).await.expect("ack v3");

        // The lead sees who has read version 3 by constituency; members never do.
        let lead_view = principles::principles(&w.app, &w.lead).await.expect("lead");
        let v3 = &lead_view
            .counts
            .iter()
            .find(|(v, _)| *v == 3)
            .expect("v3")
            .1;
        let su = v3
            .iter()
            .find(|(k, _, _)| k == "service_user")
            .expect("service users");
        assert_eq!(su.1, 1, "Ann has read it");
        assert!(su.2 >= 1);
        assert!(p.counts.is_empty(), "a member sees no counts");

        // An acknowledgement is never changed.
        let mut tx = w.app.db.begin().await.expect("tx");
        let changed = cairn_db::execute!(
            &mut tx.conn(),
            "UPDATE principles_acknowledgements SET acknowledged_at = 0 WHERE person_id = $1",
            ann_id
        );
        assert!(changed.is_err());
        drop(tx);

        // Her export holds what she acknowledged.
        let export = cairn_app::people::export(&w.app, &w.org.admin, ann_id)
            .await
            .expect("export");
        assert_eq!(
            export
                .principles_acknowledged
                .iter()
                .map(|(v, _)| *v)
                .collect::<Vec<_>>(),
            vec![1, 3]
        );
    })
    .await;
}

#[tokio::test]
async fn a_version_needs_both_languages_and_what_changed_and_only_leads_publish() {
    both_engines(|db| async move {
        let w = world(db).await;
        let bad = principles::publish(
            &w.app,
            &w.lead,
            &PrinciplesDraft {
                text_en: "We listen.".into(),
                ..Default::default()
            },
        )
        .await;
        match bad {
            Err(AppError::Invalid(e)) => {
                assert!(e.for_field("text_cy").is_some() && e.for_field("change").is_some());
                assert!(e.for_field("text_en").is_none());
            }
            other => panic!("expected field errors, got {other:?}"),
        }
        assert!(matches!(
            principles::publish(&w.app, &w.staff, &draft("Mine", false)).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            principles::publish(&w.app, &w.mo, &draft("Mine", false)).await,
            Err(AppError::Forbidden)
        ));
        // Staff without a person record cannot acknowledge; they are told why.
        assert!(matches!(
            principles::acknowledge(&w.app, &w.staff).await,
            Err(AppError::Conflict("principles-error-no-person"))
        ));
        // Nothing was published by the refused attempts.
        assert_eq!(
            principles::principles(&w.app, &w.lead)
                .await
                .expect("read")
                .history
                .len(),
            1
        );
    })
    .await;
}
