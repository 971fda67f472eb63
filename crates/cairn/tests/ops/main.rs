//! Operations tests: the real `cairn` binary, started as a deployment would start it.
//!
//! `stop` sends SIGTERM and SIGINT to a server with requests in progress; `limits` holds idle,
//! slow and trickling clients against short timeouts and a connection cap while `/healthz` must
//! keep answering; `backup` backs up and restores SQLite files (and PostgreSQL with its own
//! tools) and checks every refusal leaves the database as it was.

mod backup;
mod limits;
mod metrics;
mod stop;
mod support;
