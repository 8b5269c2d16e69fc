//! One request: claim its signature, read its body within the size cap and the deadline, run a
//! fresh instance on it within the same deadline, and remember the signature when answered 200.

use anyhow::{anyhow, Result};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::http::request::Parts;
use hyper::StatusCode;
use tokio::time::{timeout_at, Instant};
use wasmtime_wasi_http::p2::bindings::http::types::Scheme;
use wasmtime_wasi_http::WasiHttpView;

use super::replay::Claim;
use super::Shared;

type Response = hyper::Response<Full<Bytes>>;

/// The answer to one request; every failure is an HTTP answer, never a panic.
pub(super) async fn answer(shared: &Shared, req: hyper::Request<Incoming>) -> Response {
    let limits = &shared.config.limits;
    let deadline = Instant::now() + limits.request_deadline;
    let signature = req.headers().get("x-zm-signature").and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
    // Claimed before anything else, so a concurrent copy of this delivery is a replay. A store
    // that cannot say whether it is one (Redis down) gets 503: Zoom retries, nothing unchecked runs.
    let claim = match signature.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(signature) => match shared.seen.claim(signature).await {
            Ok(claim) => Some(claim),
            Err(_) => return unavailable(),
        },
    };
    // The guest needs to know only whether this request's signature was seen.
    let seen = match (&claim, &signature) {
        (Some(Claim::Taken), Some(signature)) => signature.as_str(),
        _ => "",
    };
    let response = respond(shared, req, deadline, seen).await;
    // Settled before the answer leaves, so a copy sent to any replica once it is read finds the
    // store up to date. (A request dropped midway releases its claim when the reservation drops.)
    if let Some(Claim::Fresh(reservation)) = claim {
        if response.status() == StatusCode::OK {
            // The event is relayed by now: a 503 would have Zoom deliver it twice. If Redis failed
            // just here, the claim still holds the signature until its in-flight expiry.
            if let Err(e) = reservation.answered().await {
                eprintln!("webhook endpoint: a delivery was answered 200 but not recorded as seen ({e})");
            }
        } else {
            reservation.release().await;
        }
    }
    response
}

/// The answer to a request whose signature is claimed (or `seen`): its body read within the cap
/// and the deadline, then a fresh instance's answer within the same deadline.
async fn respond(shared: &Shared, req: hyper::Request<Incoming>, deadline: Instant, seen: &str) -> Response {
    let limits = &shared.config.limits;
    let (parts, body) = req.into_parts();
    let declared = parts.headers.get("content-length").and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    }
    // Counted as it arrives, so a chunked body is refused at the cap instead of read in full.
    let body = match timeout_at(deadline, Limited::new(body, limits.max_body_bytes).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return plain(StatusCode::PAYLOAD_TOO_LARGE, "body too large")
        }
        Ok(Err(_)) => return plain(StatusCode::BAD_REQUEST, "the body could not be read"),
        Err(_) => return plain(StatusCode::REQUEST_TIMEOUT, "the body did not arrive in time"),
    };

    let Ok(Ok(_instance_slot)) = timeout_at(deadline, shared.instances.acquire()).await else {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "busy; retry later");
    };
    match timeout_at(deadline, run(shared, parts, body, seen)).await {
        Ok(Ok(response)) => response,
        Ok(Err(e)) => {
            // The detail (a trap's wasm backtrace, say) is for the operator, not the client.
            let detail = format!("{e:#}");
            eprintln!("webhook endpoint: a request failed: {}", detail.lines().last().unwrap_or(""));
            plain(StatusCode::INTERNAL_SERVER_ERROR, "the endpoint failed; its log has the details")
        }
        Err(_) => plain(StatusCode::GATEWAY_TIMEOUT, "the endpoint did not answer in time"),
    }
}

/// A fresh instance's answer to the request; the whole answer is read before it is returned.
///
/// The guest runs in this request's own task rather than a spawned one: a spawn per request cost
/// a wake-up of another worker thread and a hand-off back. Dropping this future (deadline, client
/// gone) drops the instance with it, and once the answer is read the guest is not waited for.
async fn run(shared: &Shared, parts: Parts, body: Bytes, seen: &str) -> Result<Response> {
    let mut env = shared.config.env.clone();
    env.push(("ZOOM_WEBHOOK_SEEN_SIGNATURES".to_owned(), seen.to_owned()));
    let mut store = shared.runtime.store(&shared.config.allowed_hosts, &env)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let req = hyper::Request::from_parts(parts, Full::new(body));
    let req = store.data_mut().http().new_incoming_request(Scheme::Http, req)?;
    let out = store.data_mut().http().new_response_outparam(sender)?;
    // The store moves in, so it is dropped when the guest ends: an answer it never gave then fails
    // at once instead of waiting out the deadline.
    let pre = &shared.pre;
    let guest = async move {
        let proxy = pre.instantiate_async(&mut store).await?;
        proxy.wasi_http_incoming_handler().call_handle(&mut store, req, out).await
    };
    let answer = async {
        let response = match receiver.await {
            Ok(Ok(response)) => response,
            Ok(Err(code)) => return Err(anyhow!("the component answered with an error: {code:?}")),
            Err(_) => return Err(anyhow!("the component never answered")),
        };
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.map_err(|e| anyhow!("reading the component's answer: {e:?}"))?.to_bytes();
        Ok(hyper::Response::from_parts(parts, Full::new(bytes)))
    };
    let (mut guest, mut answer) = (std::pin::pin!(guest), std::pin::pin!(answer));
    tokio::select! {
        answered = &mut answer => answered,
        ran = &mut guest => match ran {
            // The guest may answer and then end before its body was read: finish reading it.
            Ok(()) => answer.await.map_err(|e| e.context("the component did not answer")),
            Err(e) => Err(anyhow::Error::from(e).context("the component did not answer")),
        },
    }
}

/// 503 with `Retry-After`: the replay store cannot answer (the store logs why, once).
fn unavailable() -> Response {
    let mut resp = plain(StatusCode::SERVICE_UNAVAILABLE, "the replay store is unavailable; retry later");
    resp.headers_mut().insert("retry-after", hyper::header::HeaderValue::from_static("5"));
    resp
}

/// A JSON error answer: `{"error": message}`.
fn plain(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    let mut resp = hyper::Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = status;
    resp.headers_mut().insert("content-type", hyper::header::HeaderValue::from_static("application/json"));
    resp
}
