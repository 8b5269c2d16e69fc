//! Zoom's error bodies. REST errors are `{"code","message"}` (validation adds
//! `errors[]`); the OAuth endpoint speaks a different dialect,
//! `{"reason","error"}`. See spec/README.md, *Error bodies* and *OAuth grants
//! and token lifetimes*.

use super::server::Response;
use serde_json::json;

pub(crate) fn zoom(status: u16, code: i64, message: impl Into<String>) -> Response {
    Response::json(status, &json!({ "code": code, "message": message.into() }))
}

/// 400/300 "Validation Failed." naming every offending field, in the order
/// they were found, without duplicates.
pub(crate) fn validation(fields: &[String]) -> Response {
    let mut seen: Vec<&String> = Vec::new();
    for f in fields {
        if !seen.contains(&f) {
            seen.push(f);
        }
    }
    let errors: Vec<_> = seen.iter().map(|f| json!({ "field": f, "message": "Invalid field." })).collect();
    Response::json(400, &json!({ "code": 300, "message": "Validation Failed.", "errors": errors }))
}

pub(crate) fn invalid_field(field: &str) -> Response {
    validation(&[field.to_string()])
}

pub(crate) fn bad_json() -> Response {
    zoom(400, 300, "Request Body should be a valid JSON object.")
}

pub(crate) fn user_not_found(id: &str) -> Response {
    zoom(404, 1001, format!("User does not exist: {id}."))
}

pub(crate) fn meeting_not_found(id: &str) -> Response {
    zoom(404, 3001, format!("Meeting does not exist: {id}."))
}

pub(crate) fn webinar_not_found(id: &str) -> Response {
    zoom(404, 3001, format!("Webinar does not exist: {id}."))
}

pub(crate) fn no_recording() -> Response {
    zoom(404, 3301, "There is no recording for this meeting.")
}

/// Meeting and webinar routes share it for an `occurrence_id` the object
/// does not have (or that was cancelled).
pub(crate) fn bad_occurrence(id: &str) -> Response {
    zoom(400, 300, format!("Invalid occurrence_id: {id}."))
}

/// What a token without any of the operation's scopes gets: the message of
/// spec/README.md, *Error bodies* (where the error page gives it code 4700, not
/// 4711).
pub(crate) fn missing_scope(scope: &str) -> Response {
    zoom(400, 4711, format!("Invalid access token, does not contain scopes:[{scope}]."))
}

pub(crate) fn bad_page_token() -> Response {
    zoom(400, 300, "The next page token is invalid or expired.")
}

/// Loud on purpose: a client calling something the simulator does not model
/// should fail with the exact method and path in the message.
pub(crate) fn no_route(method: &str, path: &str) -> Response {
    zoom(404, 2300, format!("Simulator has no route for {method} {path}"))
}

pub(crate) fn method_not_allowed(method: &str, path: &str, allowed: &[&str]) -> Response {
    zoom(405, 405, format!("Method {method} is not allowed for {path}. Allowed: {}.", allowed.join(", ")))
        .with_header("Allow", allowed.join(", "))
}

pub(crate) fn oauth(status: u16, reason: &str, error: &str) -> Response {
    Response::json(status, &json!({ "reason": reason, "error": error }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(r: &Response) -> serde_json::Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    #[test]
    fn validation_body_matches_zoom_shape_and_dedups() {
        let r = validation(&["topic".into(), "settings.audio".into(), "topic".into()]);
        assert_eq!(r.status, 400);
        assert_eq!(
            body(&r),
            json!({"code":300,"message":"Validation Failed.","errors":[
                {"field":"topic","message":"Invalid field."},
                {"field":"settings.audio","message":"Invalid field."}]})
        );
    }

    #[test]
    fn not_found_messages_name_the_id() {
        assert_eq!(body(&meeting_not_found("42")), json!({"code":3001,"message":"Meeting does not exist: 42."}));
        assert_eq!(user_not_found("x").status, 404);
        let r = no_route("PUT", "/v2/nope");
        assert_eq!(body(&r)["message"], "Simulator has no route for PUT /v2/nope");
    }
}
