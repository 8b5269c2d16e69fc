//! The `wasi:http/incoming-handler` export: glue between WASI HTTP and `endpoint`.

use super::wasi_transport::WasiTransport;
use super::Component;
use crate::triggers::endpoint::{self, MAX_BODY_BYTES};
use crate::wit::bindings::exports::wasi::http::incoming_handler::Guest;
use crate::wit::triggers::{WebhookReply, WebhookRequest};
use waki::bindings::wasi::http::types::{IncomingRequest, ResponseOutparam};
use waki::Method;

impl Guest for Component {
    fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
        let reply = match read(request) {
            Ok(request) => match endpoint::settings(|name| std::env::var(name).ok()) {
                Ok(settings) => endpoint::respond(&request, &settings, &WasiTransport),
                Err(message) => endpoint::failure(&message),
            },
            Err(reply) => reply,
        };
        let response = waki::Response::builder()
            .status_code(reply.status)
            .header("content-type", reply.content_type)
            .body(reply.body.into_bytes())
            .build();
        match response {
            Ok(response) => waki::handle_response(response_out, response),
            Err(e) => ResponseOutparam::set(response_out, Err(e)),
        }
    }
}

fn read(request: IncomingRequest) -> Result<WebhookRequest, WebhookReply> {
    let request: waki::Request = request.try_into().map_err(|e| endpoint::failure(&format!("{e:?}")))?;
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let declared =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let method = method_name(request.method());
    // Read in chunks and counted as it arrives: a chunked body (no content-length) past the cap
    // is refused there, on any WASI host, instead of filling the instance's memory until it traps.
    let mut body = Vec::new();
    while let Some(mut chunk) =
        request.chunk(64 << 10).map_err(|e| endpoint::failure(&format!("reading the body: {e:?}")))?
    {
        body.append(&mut chunk);
        if body.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
    }
    Ok(WebhookRequest { method, headers, body })
}

fn method_name(method: Method) -> String {
    let name = match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(other) => return other,
    };
    name.to_owned()
}

fn too_large() -> WebhookReply {
    WebhookReply {
        status: 413,
        content_type: "application/json".to_owned(),
        body: r#"{"error":"body too large"}"#.to_owned(),
    }
}
