//! Erasing a person: every table that holds their name, contact details or words about them,
//! in one transaction (the use case's). Money records stay, under the pseudonym; the account
//! row stays only as a number that money records and the audit log point at.
//!
//! A table added later that holds a person's words or a label naming who did something belongs
//! here too: the erasure tests in `cairn-app/tests/app/payments.rs` scan the whole database (the
//! SQLite file's bytes, a PostgreSQL dump) for the erased name and e-mail address and fail on
//! any trace.
//!
//! Addresses are matched exactly (lower-cased, or as a whole quoted JSON string), never as a
//! substring: erasing `ann@trust.example` must not touch `joann@trust.example`.

use crate::{Conn, DbResult, execute, fetch_scalar};

/// Columns naming who did something (an account's e-mail address, or "system").
const LABELS: [(&str, &str); 55] = [
    ("appointments", "created_by_label"),
    ("arrivals", "recorded_by_label"),
    ("assessment_history", "actor_label"),
    ("assessment_rounds", "opened_by_label"),
    ("assessment_rounds", "closed_by_label"),
    ("assessments", "updated_by_label"),
    ("board_packs", "created_by_label"),
    ("board_packs", "signed_off_by_label"),
    ("audit_log", "actor_label"),
    ("buddy_checkins", "recorded_by_label"),
    ("buddy_pairings", "created_by_label"),
    ("certificates", "issued_by_label"),
    ("claim_events", "actor_label"),
    ("claim_lines", "created_by_label"),
    ("claims", "created_by_label"),
    ("course_assessments", "assessed_by_label"),
    ("course_requests", "entered_by_label"),
    ("courses", "created_by_label"),
    ("credit_learners", "entered_by_label"),
    ("exits", "entered_by_label"),
    ("expense_rates", "created_by_label"),
    ("fee_rates", "created_by_label"),
    ("interest_events", "by_label"),
    ("interests", "entered_by_label"),
    ("kiosks", "created_by_label"),
    ("level_decisions", "decided_by_label"),
    ("limit_presets", "created_by_label"),
    ("measure_baselines", "created_by_label"),
    ("measure_targets", "updated_by_label"),
    ("meeting_decisions", "created_by_label"),
    ("meeting_people", "replied_by_label"),
    ("meetings", "created_by_label"),
    ("model_changes", "actor_label"),
    ("opportunities", "created_by_label"),
    ("pathway_steps", "recorded_by_label"),
    ("playbook_actions", "created_by_label"),
    ("playbook_actions", "closed_by_label"),
    ("playbook_challenges", "created_by_label"),
    ("playbook_thresholds", "updated_by_label"),
    ("practice_evidence", "created_by_label"),
    ("payment_profiles", "updated_by_label"),
    ("principles_versions", "created_by_label"),
    ("receipts", "created_by_label"),
    ("recruitment_processes", "created_by_label"),
    ("retention_policies", "updated_by_label"),
    ("session_attendance", "entered_by_label"),
    ("survey_comment_checks", "checked_by_label"),
    ("survey_responses", "entered_by_label"),
    ("survey_rounds", "created_by_label"),
    ("surveys", "created_by_label"),
    ("suggestion_events", "actor_label"),
    ("suggestions", "entered_by_label"),
    ("training_sessions", "created_by_label"),
    ("training_topics", "entered_by_label"),
    ("unit_survey_figures", "created_by_label"),
];

/// Who is erased: the person, the account linked to them (if any), and what they are called
/// from now on.
pub struct Erasure<'a> {
    pub organisation_id: i64,
    pub person_id: i64,
    /// The person's chosen name before erasure (found in other records' JSON).
    pub name: &'a str,
    /// The linked account: its id and e-mail address.
    pub account: Option<(i64, &'a str)>,
    /// The e-mail address on the person's record (meeting invitations go to it), if any.
    pub person_email: Option<&'a str>,
    pub pseudonym: &'a str,
    pub now: i64,
}

/// Claims of the person that were sent and are neither paid nor rejected (erasure waits for
/// them). A draft never sent is not in the books; it stays under the pseudonym.
pub async fn open_claims(c: &mut Conn<'_>, org: i64, person: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM claims WHERE organisation_id = $1 AND person_id = $2 \
         AND status NOT IN ('draft', 'paid', 'rejected')",
        org,
        person
    )
}

/// Removes everything that identifies the person, keeping the records others rely on.
pub async fn erase(c: &mut Conn<'_>, e: &Erasure<'_>) -> DbResult<()> {
    let (org, p) = (e.organisation_id, e.person_id);
    // The record itself: the pseudonym, and nothing they told us.
    execute!(
        c,
        "UPDATE people SET chosen_name = $3, search_name = $4, sort_key_cy = $6, discipline = NULL, status = 'left', \
         email = NULL, access_needs = NULL, consent_on = NULL, skills = NULL, interests = NULL, \
         grow_areas = NULL, ask_me_about = NULL, contact_by = NULL, contact_note = NULL, \
         consent_whos_who = FALSE, consent_photo = FALSE, consent_opportunities = FALSE, \
         erased_at = $5, updated_at = $5 WHERE organisation_id = $1 AND id = $2",
        org,
        p,
        e.pseudonym,
        e.pseudonym.to_lowercase(),
        e.now,
        cairn_domain::people::welsh_sort_key(e.pseudonym)
    )?;
    execute!(c, "DELETE FROM person_photos WHERE person_id = $1", p)?;
    execute!(c, "DELETE FROM payment_profiles WHERE person_id = $1", p)?;
    // A claim they were part-way through making: their words, never sent.
    execute!(c, "DELETE FROM claim_drafts WHERE person_id = $1", p)?;
    // Webhook payloads that named them (only endpoints that opted in to personal data).
    crate::webhooks::forget_person(c, org, p).await?;
    // What they gave only for an awarding body's registration: legal name, birth date, ULN.
    execute!(c, "DELETE FROM credit_learners WHERE person_id = $1", p)?;
    execute!(
        c,
        "UPDATE units SET link_person_id = NULL WHERE organisation_id = $1 AND link_person_id = $2",
        org,
        p
    )?;
    // Words written about them or by them.
    for sql in [
        // A level decision's note is required (a decision says why), so it is emptied.
        "UPDATE level_decisions SET note = '' WHERE person_id = $1",
        "UPDATE pathway_steps SET note = NULL WHERE person_id = $1",
        "UPDATE exits SET own_words = NULL WHERE person_id = $1",
        // A topic they suggested stays on the training agenda, no longer theirs.
        "UPDATE training_topics SET person_id = NULL WHERE person_id = $1",
        // Their confidential or named survey answers go (their words could name them);
        // anonymous answers were never theirs to find.
        "DELETE FROM survey_comment_checks WHERE response_id IN (SELECT id FROM survey_responses WHERE person_id = $1)",
        "DELETE FROM survey_answers WHERE response_id IN (SELECT id FROM survey_responses WHERE person_id = $1)",
        "DELETE FROM survey_responses WHERE person_id = $1",
        "UPDATE interest_events SET note = NULL WHERE interest_id IN (SELECT id FROM interests WHERE person_id = $1)",
        "UPDATE interests SET message = NULL, feedback = NULL WHERE person_id = $1",
        "UPDATE buddy_checkins SET note = NULL WHERE pairing_id IN \
         (SELECT id FROM buddy_pairings WHERE newcomer_id = $1 OR buddy_id = $1)",
    ] {
        execute!(c, sql, p)?;
    }
    // The audit log keeps each event, not what it said about them.
    execute!(
        c,
        "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE organisation_id = $1 \
         AND (on_behalf_of_person_id = $2 OR (entity = 'person' AND entity_id = $2))",
        org,
        p
    )?;
    // A board pack that names them as its author or executive lead.
    redact_packs(c, org, e.name, e.pseudonym).await?;
    // Messages to the address on their record (meeting invitations), and JSON quoting it.
    if let Some(address) = e.person_email {
        forget_address(c, org, address).await?;
    }
    if let Some((user, email)) = e.account {
        erase_account(c, e, user, email).await?;
    }
    Ok(())
}

/// Removes queued and sent messages to `address` in the organisation, and every audit entry's
/// JSON that quotes it as a whole string.
async fn forget_address(c: &mut Conn<'_>, org: i64, address: &str) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM outbound_emails WHERE organisation_id = $1 AND LOWER(to_address) = LOWER($2)",
        org,
        address
    )?;
    let quoted = like_pattern(&json_string(address));
    execute!(
        c,
        "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE organisation_id = $1 \
         AND (before_json LIKE $2 ESCAPE '\\' OR after_json LIKE $2 ESCAPE '\\')",
        org,
        quoted
    )?;
    Ok(())
}

/// The account: signed out everywhere, unable to sign in, its e-mail address gone from every
/// label, notice, message and limit; suggestions it sent stay as unattributed text.
async fn erase_account(c: &mut Conn<'_>, e: &Erasure<'_>, user: i64, email: &str) -> DbResult<()> {
    for sql in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM api_tokens WHERE user_id = $1",
        "DELETE FROM invitations WHERE user_id = $1",
        "DELETE FROM password_resets WHERE user_id = $1",
        // Which identity at the organisation's provider was them: gone, so it cannot sign in.
        "DELETE FROM identity_links WHERE user_id = $1",
        "DELETE FROM notices WHERE user_id = $1",
        "DELETE FROM user_units WHERE user_id = $1",
        "UPDATE suggestions SET submitted_by_user_id = NULL, contact = NULL WHERE submitted_by_user_id = $1",
        "UPDATE suggestions SET owner_user_id = NULL WHERE owner_user_id = $1",
    ] {
        execute!(c, sql, user)?;
    }
    execute!(
        c,
        "UPDATE users SET email = $2, password_hash = NULL, locale = NULL, easy_read = FALSE, disabled = TRUE, \
         disabled_at = COALESCE(disabled_at, $3), updated_at = $3 WHERE id = $1",
        user,
        format!("erased-{user}@erased.invalid"),
        e.now
    )?;
    for (table, column) in LABELS {
        execute!(
            c,
            &format!("UPDATE {table} SET {column} = $1 WHERE {column} = $2"),
            e.pseudonym,
            email
        )?;
    }
    // A signed-off board pack names who signed it off; erasure is the one change its frozen
    // version takes, and counts itself.
    execute!(
        c,
        "UPDATE board_pack_versions SET signed_off_by_label = $1, redactions = redactions + 1 \
         WHERE signed_off_by_label = $2",
        e.pseudonym,
        email
    )?;
    redact_packs(c, e.organisation_id, email, e.pseudonym).await?;
    // Other people's notices quote who did something ("by": the address as a whole string).
    let quoted = json_string(email);
    execute!(
        c,
        "UPDATE notices SET args_json = REPLACE(args_json, $1, $2) WHERE args_json LIKE $3 ESCAPE '\\'",
        &quoted,
        json_string(e.pseudonym),
        like_pattern(&quoted)
    )?;
    execute!(
        c,
        "DELETE FROM sign_in_limits WHERE throttle_key = $1 OR throttle_key LIKE $2 ESCAPE '\\'",
        format!("acct:{email}"),
        format!("{}%", like_escape(&format!("pair:{email}|")))
    )?;
    forget_address(c, e.organisation_id, email).await
}

/// Replaces `words` wherever a board pack quotes them as a whole JSON string (the author, the
/// executive lead, who signed it off), in drafts and in signed-off versions.
async fn redact_packs(c: &mut Conn<'_>, org: i64, words: &str, pseudonym: &str) -> DbResult<()> {
    let (quoted, with) = (json_string(words), json_string(pseudonym));
    let pattern = like_pattern(&quoted);
    execute!(
        c,
        "UPDATE board_packs SET fields_json = REPLACE(fields_json, $2, $3) \
         WHERE organisation_id = $1 AND fields_json LIKE $4 ESCAPE '\\'",
        org,
        &quoted,
        &with,
        &pattern
    )?;
    execute!(
        c,
        "UPDATE board_pack_versions SET snapshot_json = REPLACE(snapshot_json, $2, $3), \
         redactions = redactions + 1 \
         WHERE snapshot_json LIKE $4 ESCAPE '\\' \
           AND pack_id IN (SELECT id FROM board_packs WHERE organisation_id = $1)",
        org,
        &quoted,
        &with,
        &pattern
    )?;
    Ok(())
}

/// `%…%` around `s` with LIKE's wildcards in it escaped (for `ESCAPE '\'`).
fn like_pattern(s: &str) -> String {
    format!("%{}%", like_escape(s))
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `s` as it appears inside a JSON document (quoted), for finding it in stored JSON.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}
