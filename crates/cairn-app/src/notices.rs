//! In-app notices and outgoing e-mail. Both are written inside the caller's transaction, so a
//! change and the message about it are committed together. E-mail goes out afterwards from
//! the queue ([`deliver_pending`]), over the organisation's own SMTP settings; with e-mail off
//! (the default) nothing is queued.

use crate::{Actor, App, AppResult};
use cairn_db::notices::Notice;
use cairn_db::{Conn, DbResult};
use cairn_domain::people::Language;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Tries per e-mail before it is left for an administrator to look at.
pub const MAX_ATTEMPTS: i64 = 5;

/// Adds a notice for an account: a Fluent id and its arguments, read in the account's language.
pub async fn notify(
    c: &mut Conn<'_>,
    user_id: i64,
    message_id: &str,
    args: &[(&str, String)],
    now: i64,
) -> DbResult<()> {
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    cairn_db::notices::insert(
        c,
        user_id,
        message_id,
        &serde_json::Value::Object(map).to_string(),
        now,
    )
    .await?;
    Ok(())
}

/// Renders an e-mail in `lang` and queues it.
#[expect(clippy::too_many_arguments, reason = "an e-mail has this many parts")]
pub async fn queue_email(
    app: &App,
    c: &mut Conn<'_>,
    organisation_id: i64,
    to: &str,
    lang: Language,
    subject_id: &str,
    body_id: &str,
    args: &[(&str, String)],
    now: i64,
) -> DbResult<()> {
    let subject = app.translator.message(lang, subject_id, args);
    let body = app.translator.message(lang, body_id, args);
    cairn_db::notices::queue_email(c, organisation_id, to, lang.key(), &subject, &body, now)
        .await?;
    Ok(())
}

/// A notice ready to show.
#[derive(Debug, Clone)]
pub struct ShownNotice {
    pub text: String,
    pub created_at: i64,
    pub unread: bool,
}

/// The actor's latest notices in `lang`; marks them read.
pub async fn for_actor(app: &App, actor: &Actor, lang: Language) -> AppResult<Vec<ShownNotice>> {
    let rows: Vec<Notice> = {
        let mut h = app.db.acquire().await?;
        cairn_db::notices::list(&mut h.conn(), actor.user_id, 20).await?
    };
    if rows.iter().any(|n| n.read_at.is_none()) {
        let mut tx = app.db.begin().await?;
        cairn_db::notices::mark_all_read(&mut tx.conn(), actor.user_id, app.now()).await?;
        tx.commit().await?;
    }
    Ok(rows
        .into_iter()
        .map(|n| {
            let args: Vec<(String, String)> =
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&n.args_json)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
                    .collect();
            let borrowed: Vec<(&str, String)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            ShownNotice {
                text: app.translator.message(lang, &n.message_id, &borrowed),
                created_at: n.created_at,
                unread: n.read_at.is_none(),
            }
        })
        .collect())
}

/// Sends queued e-mail over each organisation's SMTP settings. Returns how many were sent.
/// Safe to run on several instances at once: each message is claimed before sending.
pub async fn deliver_pending(app: &App) -> AppResult<usize> {
    let pending = {
        let mut h = app.db.acquire().await?;
        cairn_db::notices::pending_emails(&mut h.conn(), MAX_ATTEMPTS, 50).await?
    };
    let mut sent = 0;
    for email in pending {
        let claimed = {
            let mut tx = app.db.begin().await?;
            let ok =
                cairn_db::notices::claim_email(&mut tx.conn(), email.id, email.attempts).await?;
            tx.commit().await?;
            ok
        };
        if !claimed {
            continue;
        }
        let org = {
            let mut h = app.db.acquire().await?;
            cairn_db::units::get_organisation(&mut h.conn(), email.organisation_id).await?
        };
        let result = send_one(&org, &email).await;
        let mut tx = app.db.begin().await?;
        match result {
            Ok(()) => {
                cairn_db::notices::mark_email(&mut tx.conn(), email.id, Some(app.now()), None)
                    .await?;
                sent += 1;
            }
            Err(msg) => {
                tracing::warn!(email_id = email.id, error = %msg, "sending e-mail failed");
                cairn_db::notices::mark_email(&mut tx.conn(), email.id, None, Some(&msg)).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(sent)
}

async fn send_one(
    org: &cairn_db::units::Organisation,
    email: &cairn_db::notices::Email,
) -> Result<(), String> {
    if !org.smtp_enabled {
        return Err("e-mail is switched off for this organisation".into());
    }
    let host = org.smtp_host.clone().ok_or("no SMTP host")?;
    let from: Mailbox = org
        .smtp_from
        .as_deref()
        .ok_or("no sender address")?
        .parse()
        .map_err(|e| format!("sender: {e}"))?;
    let to: Mailbox = email
        .to_address
        .parse()
        .map_err(|e| format!("recipient: {e}"))?;
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    let message = match &email.calendar {
        // The invitation goes as an attachment beside the plain text, so every mail program
        // shows the words and calendar programs offer to add the event.
        Some(ics) => {
            let calendar_type = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .map_err(|e| e.to_string())?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(email.body.clone()))
                    .singlepart(
                        Attachment::new("invite.ics".to_owned()).body(ics.clone(), calendar_type),
                    ),
            )
        }
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone()),
    }
    .map_err(|e| e.to_string())?;
    let port = org.smtp_port.and_then(|p| u16::try_from(p).ok());
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone());
    let tls = || TlsParameters::new(host.clone()).map_err(|e| e.to_string());
    builder = match org.smtp_tls.as_str() {
        "tls" => builder.tls(Tls::Wrapper(tls()?)).port(port.unwrap_or(465)),
        "starttls" => builder.tls(Tls::Required(tls()?)).port(port.unwrap_or(587)),
        _ => builder.tls(Tls::None).port(port.unwrap_or(25)),
    };
    if let (Some(u), Some(p)) = (&org.smtp_username, &org.smtp_password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    let transport = builder
        .timeout(Some(std::time::Duration::from_secs(20)))
        .build();
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
