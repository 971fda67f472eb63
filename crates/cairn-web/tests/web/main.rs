//! Web tests: the real router over a seeded database, one sign-in per role.
//!
//! `access` walks every route for every role; `security` checks the defences; `pages` the
//! behaviour of forms and pages; `api` the JSON API; `i18n` English/Welsh parity; `feedback`
//! the suggestions list, kiosk, public boards and their API; `meetings` the group and
//! scheduling forms, replies and the representation warning, attendance, calendar invitations,
//! name cards, the representation report and CSV, a member's own meetings, and the meetings API.

mod access;
mod accounts;
mod api;
mod api_capabilities;
mod audit;
mod buddies;
mod compression;
mod crawl;
mod easy_read;
mod evidence;
mod feedback;
mod form_tokens;
mod helpers;
mod i18n;
mod identity;
mod meetings;
mod model;
mod operations;
mod pages;
mod payment_settings;
mod payments;
mod payments_corrections;
mod payments_wizard;
mod people;
mod playbook;
mod principles;
mod reads;
mod reports;
mod request_reads;
mod retention;
mod roles;
mod security;
mod surveys;
mod titles;
mod training;
mod training_pages;
mod translation;
mod webhooks;
mod welsh_pages;
