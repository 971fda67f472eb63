//! The use-case tests, one module per capability. They are one test binary rather than one per
//! file because each test binary links the whole of Cairn and its dependencies: one link instead
//! of twelve. Every body runs on SQLite and PostgreSQL through `cairn_testkit::both_engines`.

mod account_control;
mod buddies;
mod common;
mod demo_meetings;
mod demo_people;
mod evidence;
mod export;
mod feedback;
mod identity;
mod identity_provider;
mod meetings;
mod model;
mod payments;
mod payments_corrections;
mod payments_drafts;
mod payments_hold;
mod payments_properties;
mod people;
mod people_measures;
mod plans;
mod playbook;
mod principles;
mod reports;
mod retention;
mod roles;
mod rollups;
mod sessions;
mod surveys;
mod tallies;
mod training;
mod training_pathway;
mod translation;
mod use_cases;
mod webhooks;
