//! Writing and reading the audit log. [`record`] is called inside each use case's transaction;
//! reading and exporting are for organisation administrators only.

use crate::{Actor, App, AppResult, org_of, require};
use cairn_db::audit::{AuditQuery, Entry, NewEntry};
use cairn_db::{Conn, DbResult};
use cairn_domain::Permission;
use serde::Serialize;

/// What happened, in the log's words.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    Create,
    Update,
    View,
    SignIn,
    SignOut,
    Export,
    Revoke,
}

impl Action {
    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::View => "view",
            Action::SignIn => "sign_in",
            Action::SignOut => "sign_out",
            Action::Export => "export",
            Action::Revoke => "revoke",
        }
    }

    /// Every stored key, for the filter.
    pub const KEYS: [&'static str; 7] = [
        "create", "update", "view", "sign_in", "sign_out", "export", "revoke",
    ];
}

/// Every kind of record the log names (its `entity`), sorted. Each has words in both languages,
/// `audit-entity-<kind>` (underscores as hyphens), for the audit page, its filter and its CSV.
/// A test reads every call of [`record`] and [`record_read`] in the sources and fails for a kind
/// missing here or without words, so a new kind is written as a literal and added here.
pub const ENTITIES: &[&str] = &[
    "accreditation_file",
    "agenda_item",
    "api_token",
    "appointment",
    "arrival",
    "assessment",
    "assessment_round",
    "audit_log",
    "board_pack",
    "board_pack_sign_off",
    "buddy_checkin",
    "buddy_pairing",
    "certificate",
    "claim",
    "claim_form",
    "course",
    "course_assessment",
    "course_learners",
    "course_request",
    "credit_learner",
    "demo",
    "demo_meetings",
    "earnings",
    "erasure",
    "expense_rate",
    "fee_rate",
    "feedback_status",
    "identity_link",
    "identity_provider",
    "identity_sign_in",
    "interest",
    "involvement_role",
    "kiosk",
    "leaving",
    "level_decision",
    "limit_preset",
    "measure_baseline",
    "measure_target",
    "meeting",
    "meeting_action",
    "meeting_attendance",
    "meeting_decision",
    "meeting_group",
    "meeting_group_member",
    "meeting_invitations",
    "meeting_minutes",
    "meeting_reply",
    "model_settings",
    "name_cards",
    "opportunity",
    "organisation",
    "password_reset",
    "pathway_step",
    "payment_profile",
    "payment_run",
    "payment_settings",
    "person",
    "person_erasure",
    "person_photo",
    "photo",
    "playbook",
    "playbook_action",
    "playbook_challenge",
    "playbook_threshold",
    "practice",
    "practice_evidence",
    "principles_acknowledgement",
    "principles_version",
    "receipt",
    "recruitment_process",
    "retention",
    "retention_policy",
    "role_training",
    "service",
    "session",
    "session_attendance",
    "session_register",
    "suggestion",
    "survey",
    "survey_cards",
    "survey_comment",
    "survey_response",
    "survey_round",
    "survey_thresholds",
    "training",
    "training_session",
    "training_topic",
    "unit",
    "unit_survey_figure",
    "user",
    "user_access",
    "user_easy_read",
    "user_language",
    "user_password",
    "user_role",
    "user_sign_in_limit",
    "webhook_endpoint",
];

/// Adds an audit row in the caller's transaction. `before`/`after` are serialised as JSON.
#[expect(
    clippy::too_many_arguments,
    reason = "an audit row has this many facts"
)]
pub async fn record<B: Serialize, A: Serialize>(
    c: &mut Conn<'_>,
    actor: &Actor,
    organisation_id: Option<i64>,
    action: Action,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
    on_behalf_of: Option<i64>,
    at: i64,
) -> DbResult<()> {
    let entry = NewEntry {
        organisation_id,
        actor_user_id: (actor.user_id != 0).then_some(actor.user_id),
        actor_label: &actor.label,
        on_behalf_of_person_id: on_behalf_of,
        action: action.key(),
        entity,
        entity_id,
        before_json: before.and_then(|b| serde_json::to_string(b).ok()),
        after_json: after.and_then(|a| serde_json::to_string(a).ok()),
    };
    cairn_db::audit::insert(c, &entry, at).await
}

/// Records that the actor read something about `people` (a person's claim, earnings, photo…)
/// in its own transaction: one row per person, naming them. Reading one's own is not logged.
pub async fn record_read(
    app: &App,
    actor: &Actor,
    org: i64,
    entity: &str,
    id: i64,
    people: &[i64],
) -> AppResult<()> {
    let people: Vec<i64> = people
        .iter()
        .copied()
        .filter(|p| !actor.is_person(*p))
        .collect();
    if people.is_empty() {
        return Ok(());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    for person in people {
        record::<(), ()>(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::View,
            entity,
            Some(id),
            None,
            None,
            Some(person),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Reads the organisation's log, newest first.
pub async fn list(app: &App, actor: &Actor, q: &AuditQuery) -> AppResult<Vec<Entry>> {
    require(actor, Permission::ReadAudit)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::audit::list(&mut h.conn(), org, q).await?)
}

/// Reads up to `limit` entries for export and records that the export happened.
pub async fn export(app: &App, actor: &Actor, q: &AuditQuery) -> AppResult<Vec<Entry>> {
    require(actor, Permission::ReadAudit)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let rows = cairn_db::audit::list(&mut tx.conn(), org, q).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Export,
        "audit_log",
        None,
        None,
        Some(&serde_json::json!({"rows": rows.len()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(rows)
}
