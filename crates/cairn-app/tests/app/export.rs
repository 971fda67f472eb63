//! Subject access: the export holds everything Cairn keeps about a person. The list of columns
//! that refer to a person or an account is derived from the migrated schema on each engine, and
//! each must be named in `people::EXPORT_COVERAGE` (where the export holds it, or why not).

use cairn_app::people::EXPORT_COVERAGE;
use cairn_db::{Conn, Db, fetch_all};
use cairn_testkit::both_engines;
use std::collections::BTreeSet;

/// (table, column) of every column that refers to a person or an account: a foreign key to
/// `people` or `users`, or a column named `person_id`, `user_id` or ending in `_person_id` /
/// `_user_id` (the audit log's references carry no foreign key, so rows outlive what they name).
async fn person_references(db: &Db) -> BTreeSet<(String, String)> {
    let mut out: BTreeSet<(String, String)> = db
        .schema_columns()
        .await
        .expect("columns")
        .into_iter()
        .filter(|(_, c)| {
            c == "person_id"
                || c == "user_id"
                || c.ends_with("_person_id")
                || c.ends_with("_user_id")
        })
        .collect();
    let mut h = db.acquire().await.expect("acquire");
    let mut c = h.conn();
    let fks: Vec<(String, String)> = match &mut c {
        Conn::Sqlite(_) => fetch_all!(
            &mut c,
            (String, String),
            "SELECT m.name, f.\"from\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" IN ('people', 'users')"
        ),
        Conn::Postgres(_) => fetch_all!(
            &mut c,
            (String, String),
            "SELECT tc.table_name::text, kcu.column_name::text FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND ccu.table_name IN ('people', 'users')"
        ),
    }
    .expect("foreign keys");
    out.extend(fks);
    out
}

#[tokio::test]
async fn every_column_that_refers_to_a_person_or_an_account_is_in_the_export_or_excluded_with_a_reason()
 {
    both_engines(|db| async move {
        let found = person_references(&db).await;
        assert!(found.len() > 30, "the schema was read ({})", found.len());
        let covered: BTreeSet<(String, String)> = EXPORT_COVERAGE
            .iter()
            .map(|(t, c, _)| ((*t).to_owned(), (*c).to_owned()))
            .collect();
        let missing: Vec<_> = found.difference(&covered).collect();
        assert!(
            missing.is_empty(),
            "columns referring to a person that the export does not account for (add each to \
             people::EXPORT_COVERAGE and to the export, or say why not): {missing:?}"
        );
        let stale: Vec<_> = covered.difference(&found).collect();
        assert!(
            stale.is_empty(),
            "EXPORT_COVERAGE names columns that no longer exist: {stale:?}"
        );
        assert!(
            EXPORT_COVERAGE
                .iter()
                .all(|(_, _, why)| !why.trim().is_empty()),
            "every entry says where or why"
        );
    })
    .await;
}
