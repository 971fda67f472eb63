//! In-app notices and outgoing e-mail. Both are written inside the caller's transaction, so a
//! change and the message about it are committed together. E-mail goes out afterwards from
//! the queue ([`deliver_pending`]), over the organisation's own SMTP settings; with e-mail off
//! (the default) nothing is queued.
//!
//! A notice is read later, perhaps in the other language: so it stores its Fluent id and its
//! arguments as they are ([`NoticeArg`]: text, an ISO date, pence, a name in both languages),
//! and they are put into words only when it is read, in the reader's language then.

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

/// One argument of a notice, stored in `notices.args_json` as it is and put into words when the
/// notice is read, in the reader's language at that moment (never in the language of the day it
/// was written).
///
/// The stored JSON is the convention: a JSON string is text shown as it is (every notice stored
/// before typed arguments existed has only these, and reads as it always did); an object says
/// what the value is — `{"date": "2026-12-03"}` an ISO date, `{"pence": 1250}` an amount of
/// money, `{"en": "…", "cy": "…"}` a name held in both languages (`cy` may be null). A value of
/// any other shape is shown as its JSON text rather than lost.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum NoticeArg {
    /// Text shown as written: a person's chosen name, a staff member's label, free text.
    Text(String),
    /// A calendar date: "3 December 2026" or "3 Rhagfyr 2026".
    Date {
        /// The date, stored as ISO `YYYY-MM-DD`.
        date: jiff::civil::Date,
    },
    /// An amount of money in pence, shown in pounds.
    Pence {
        /// The amount, in pence.
        pence: i64,
    },
    /// A name kept in both languages (an organisation's name): the Welsh when reading Welsh
    /// and there is one, else the English.
    Local {
        /// The English (or only) name.
        en: String,
        /// The Welsh name, when there is one.
        cy: Option<String>,
    },
}

impl NoticeArg {
    /// The argument in words, in `lang`.
    pub fn show(&self, lang: Language) -> String {
        match self {
            NoticeArg::Text(s) => s.clone(),
            NoticeArg::Date { date } => cairn_domain::time::format_date(*date, lang),
            NoticeArg::Pence { pence } => cairn_domain::payments::format_pounds(*pence),
            NoticeArg::Local { en, cy } => match (lang, cy.as_deref().map(str::trim)) {
                (Language::Cy, Some(cy)) if !cy.is_empty() => cy.to_owned(),
                _ => en.clone(),
            },
        }
    }

    /// A stored value in words, in `lang`; a value of an unknown shape as its JSON text.
    fn show_stored(value: serde_json::Value, lang: Language) -> String {
        match serde_json::from_value::<NoticeArg>(value.clone()) {
            Ok(arg) => arg.show(lang),
            Err(_) => value.to_string(),
        }
    }
}

/// Adds a notice for an account: a Fluent id and text arguments, read in the account's language
/// when they look. Arguments that are dates, amounts or names in both languages go through
/// [`notify_with`], so they are put into words in the reader's language.
pub async fn notify(
    c: &mut Conn<'_>,
    user_id: i64,
    message_id: &str,
    args: &[(&str, String)],
    now: i64,
) -> DbResult<()> {
    let args: Vec<(&str, NoticeArg)> = args
        .iter()
        .map(|(k, v)| (*k, NoticeArg::Text(v.clone())))
        .collect();
    notify_with(c, user_id, message_id, &args, now).await
}

/// Adds a notice for an account with typed arguments, stored as they are (see [`NoticeArg`]).
pub async fn notify_with(
    c: &mut Conn<'_>,
    user_id: i64,
    message_id: &str,
    args: &[(&str, NoticeArg)],
    now: i64,
) -> DbResult<()> {
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| {
            (
                (*k).to_owned(),
                serde_json::to_value(v).unwrap_or(serde_json::Value::Null),
            )
        })
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

/// The actor's latest notices in `lang`, their arguments put into words in `lang` now; marks
/// them read.
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
                    .map(|(k, v)| (k, NoticeArg::show_stored(v, lang)))
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
