//! The right to erasure. An organisation administrator erases a person, with a reason: their
//! name becomes a pseudonym ("Person 1042"), everything they told us or that was written about
//! them goes, their account can never sign in again and its e-mail address is gone from every
//! record; suggestions they sent stay as unattributed text; money records stay under the
//! pseudonym for the retention period, amounts, dates and approvals intact, so the books still
//! reconcile. Refused while a claim of theirs is not yet paid or rejected.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::people::erasure::{self as db, Erasure};
use cairn_db::{Conn, DbError};
use cairn_domain::{FieldErrors, Permission};

/// Longest reason kept with the erasure.
pub const REASON_MAX: usize = 500;

/// What an erasure leaves: the person's id and their pseudonym.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Erased {
    pub person_id: i64,
    pub pseudonym: String,
}

/// What the confirmation page shows before an erasure: who, and whether it can go ahead.
#[derive(Debug, Clone)]
pub struct BeforeErasure {
    pub chosen_name: String,
    pub has_account: bool,
    /// Claims not yet paid or rejected: erasure waits until there are none.
    pub open_claims: i64,
    pub pseudonym: String,
}

/// The pseudonym a person keeps in money records and the audit log once erased.
pub fn pseudonym(person_id: i64) -> String {
    format!("Person {person_id}")
}

/// Reads what the confirmation page needs; the read is audited like any view of a person.
pub async fn before(app: &App, actor: &Actor, person: i64) -> AppResult<BeforeErasure> {
    require(actor, Permission::ErasePerson)?;
    let org = org_of(actor)?;
    let (p, account, open_claims) = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let p = match cairn_db::people::get(&mut c, org, person).await {
            Ok(p) => p,
            Err(DbError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let account = cairn_db::accounts::find_user_by_person(&mut c, person).await?;
        let open = db::open_claims(&mut c, org, person).await?;
        (p, account, open)
    };
    crate::audit::record_read(app, actor, org, "erasure", person, &[person]).await?;
    Ok(BeforeErasure {
        chosen_name: p.chosen_name,
        has_account: account.is_some(),
        open_claims,
        pseudonym: pseudonym(person),
    })
}

/// Erases the person. `Invalid` without a reason; `Conflict("erase-error-open-claims")` while
/// a claim of theirs is open; `Conflict("erase-error-own")` for the administrator's own record.
pub async fn erase(app: &App, actor: &Actor, person: i64, reason: &str) -> AppResult<Erased> {
    require(actor, Permission::ErasePerson)?;
    let org = org_of(actor)?;
    let reason = reason.trim();
    let mut e = FieldErrors::new();
    if reason.is_empty() {
        e.add("reason", "erase-error-reason");
    } else if reason.chars().count() > REASON_MAX {
        e.add("reason", "erase-error-reason-long");
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    if actor.is_person(person) {
        return Err(AppError::Conflict("erase-error-own"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let done = erase_within(&mut tx.conn(), org, person, now).await?;
    // The event and the pseudonym, never the name.
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "person_erasure",
        Some(person),
        None,
        Some(&serde_json::json!({"pseudonym": done.pseudonym, "reason": reason, "account": done.had_account})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    // SQLite keeps the pages from before the erasure in its write-ahead log until a checkpoint:
    // write them into the file (where secure_delete has zeroed them) now.
    app.db.checkpoint().await?;
    Ok(Erased {
        person_id: person,
        pseudonym: done.pseudonym,
    })
}

/// What [`erase_within`] did.
pub(crate) struct ErasedWithin {
    pub pseudonym: String,
    pub had_account: bool,
}

/// Erases the person inside the caller's transaction (an administrator's erasure, or
/// retention's): stops their account, then removes what identifies them. `NotFound` for a
/// person not in `org`; `Conflict("erase-error-open-claims")` while a claim of theirs is open.
/// The caller audits the erasure and checkpoints SQLite after committing.
pub(crate) async fn erase_within(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    now: i64,
) -> AppResult<ErasedWithin> {
    let p = match cairn_db::people::get(c, org, person).await {
        Ok(p) => p,
        Err(DbError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    // A claim on its way is still being worked on by people who need the name.
    cairn_db::payments::lock_person(c, person).await?;
    if db::open_claims(c, org, person).await? > 0 {
        return Err(AppError::Conflict("erase-error-open-claims"));
    }
    let account = cairn_db::accounts::find_user_by_person(c, person).await?;
    if let Some(u) = &account {
        crate::accounts::control::stop_access(c, u.id, now).await?;
    }
    let alias = pseudonym(person);
    db::erase(
        c,
        &Erasure {
            organisation_id: org,
            person_id: person,
            name: &p.chosen_name,
            account: account.as_ref().map(|u| (u.id, u.email.as_str())),
            person_email: p.email.as_deref(),
            pseudonym: &alias,
            now,
        },
    )
    .await?;
    Ok(ErasedWithin {
        pseudonym: alias,
        had_account: account.is_some(),
    })
}
