//! Operations tests: the real `cairn` binary, started as a deployment would start it.
//!
//! `stop` sends SIGTERM and SIGINT to a server with requests in progress; `limits` holds idle,
//! slow and trickling clients against short timeouts and a connection cap while `/healthz` must
//! keep answering.

mod limits;
mod stop;
mod support;
