//! The native Rust arm: the requests the component sent (read back from the simulator's log),
//! replayed on a pooled keep-alive client, with the answers parsed into typed structs as the
//! component parses them into WIT records. This is the floor the component is measured against.

use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::direct::request_target;
use zoom_sim::LoggedRequest;

/// One request as the component sent it.
#[derive(Clone, Debug)]
pub(super) struct Sent {
    pub(super) method: String,
    pub(super) target: String,
    pub(super) body: Option<String>,
}

impl Sent {
    pub(super) fn of(logged: &LoggedRequest) -> Sent {
        let body = (!logged.body.is_empty()).then(|| logged.body.clone());
        Sent { method: logged.method.clone(), target: request_target(&logged.path, &logged.query), body }
    }
}

/// The fields of `meeting` the component's record holds; `raw` as the record keeps it.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Parsed to cost what the component's parsing costs; read only in part.
pub(super) struct Meeting {
    pub(super) id: u64,
    uuid: Option<String>,
    host_id: Option<String>,
    host_email: Option<String>,
    pub(super) topic: String,
    #[serde(rename = "type")]
    meeting_type: u32,
    status: Option<String>,
    start_time: Option<String>,
    duration: Option<u32>,
    timezone: Option<String>,
    agenda: Option<String>,
    created_at: Option<String>,
    join_url: Option<String>,
    start_url: Option<String>,
    password: Option<String>,
    registration_url: Option<String>,
    #[serde(default)]
    occurrences: Vec<Occurrence>,
    #[serde(skip)]
    raw: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Occurrence {
    occurrence_id: String,
    start_time: Option<String>,
    duration: Option<u32>,
    status: Option<String>,
}

/// The fields of `user` the component's record holds.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub(super) struct User {
    pub(super) id: String,
    pub(super) email: String,
    first_name: Option<String>,
    last_name: Option<String>,
    display_name: Option<String>,
    #[serde(rename = "type")]
    user_type: u32,
    status: Option<String>,
    role_name: Option<String>,
    role_id: Option<String>,
    dept: Option<String>,
    timezone: Option<String>,
    pmi: Option<u64>,
    last_login_time: Option<String>,
    last_client_version: Option<String>,
    user_created_at: Option<String>,
    account_id: Option<String>,
    #[serde(skip)]
    raw: String,
}

#[derive(Deserialize)]
struct UserPage<'a> {
    #[serde(default)]
    next_page_token: Option<String>,
    #[serde(borrow)]
    users: Vec<&'a RawValue>,
}

/// A keep-alive client bound to the simulator and a bearer token.
pub(super) struct Native {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
    authorization: String,
}

impl Native {
    pub(super) fn new(base_url: &str, token: &str) -> Native {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        // Shorter than the simulator's 30 s idle read timeout, so a pooled socket is never stale.
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(64)
            .build(connector);
        Native { client, base: base_url.trim_end_matches('/').to_owned(), authorization: format!("Bearer {token}") }
    }

    /// Sends one request; the status and the whole body.
    pub(super) async fn send(&self, sent: &Sent) -> Result<(u16, Bytes)> {
        let mut request = hyper::Request::builder()
            .method(sent.method.as_str())
            .uri(format!("{}{}", self.base, sent.target))
            .header("authorization", &self.authorization)
            .header("accept", "application/json");
        if sent.body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let body = Full::new(Bytes::from(sent.body.clone().unwrap_or_default()));
        let answer = self.client.request(request.body(body)?).await.context("native request")?;
        let status = answer.status().as_u16();
        let bytes = answer.into_body().collect().await?.to_bytes();
        Ok((status, bytes))
    }

    /// `get-meeting` or `create-meeting`: one request answered with a meeting.
    pub(super) async fn meeting(&self, sent: &Sent, expected: u16) -> Result<Meeting> {
        let (status, bytes) = self.send(sent).await?;
        ensure!(status == expected, "{} {} answered {status}", sent.method, sent.target);
        let mut meeting: Meeting = serde_json::from_slice(&bytes)?;
        meeting.raw = String::from_utf8(bytes.to_vec())?;
        Ok(meeting)
    }

    /// `list-users` over every page: `first` is the component's first page request, and each
    /// next page repeats it with the cursor, as the component does.
    pub(super) async fn list_users(&self, first: &Sent) -> Result<(Vec<User>, usize)> {
        let mut users = Vec::new();
        let mut token: Option<String> = None;
        let mut requests = 0;
        loop {
            let mut sent = first.clone();
            if let Some(token) = &token {
                let sep = if sent.target.contains('?') { '&' } else { '?' };
                sent.target = format!("{}{sep}next_page_token={token}", sent.target);
            }
            let (status, bytes) = self.send(&sent).await?;
            requests += 1;
            ensure!(status == 200, "GET {} answered {status}", sent.target);
            let page: UserPage = serde_json::from_slice(&bytes)?;
            for raw in page.users {
                let mut user: User = serde_json::from_str(raw.get())?;
                user.raw = raw.get().to_owned();
                users.push(user);
            }
            match page.next_page_token.filter(|t| !t.is_empty()) {
                Some(next) => token = Some(next),
                None => return Ok((users, requests)),
            }
            if requests > 100_000 {
                bail!("list-users did not end");
            }
        }
    }
}

/// The component's page requests of one walk, first only, checked to be one route.
pub(super) fn first_page(log: &[LoggedRequest]) -> Result<(Sent, usize)> {
    let pages: Vec<&LoggedRequest> = log.iter().filter(|r| r.path.ends_with("/users")).collect();
    let first = pages.first().context("list-users sent no request")?;
    ensure!(
        pages.iter().skip(1).all(|r| r.query.iter().any(|(k, _)| k == "next_page_token")),
        "list-users sent pages the native arm does not follow: {pages:?}"
    );
    Ok((Sent::of(first), pages.len()))
}
