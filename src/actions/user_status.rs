//! Seat management on one user: change the type (license, de-license) and (de)activate.

use serde_json::json;

use crate::actions::users::parse_user;
use crate::error::Error;
use crate::http::url::segment;
use crate::http::{Call, Client, Method};
use crate::validate;
use crate::wit::report_types::{SetUserTypeInput, UserStatusInput};
use crate::wit::user_types::{User, UserType};

/// A required user id or email, as a path segment.
fn user_segment(user_id: &str) -> Result<String, Error> {
    validate::required("user_id", user_id, 128)?;
    segment("user_id", user_id.trim())
}

fn fetch(client: &Client, user: &str) -> Result<User, Error> {
    parse_user(&client.send_json(&Call::new(Method::Get, format!("/users/{user}")))?)
}

/// `PATCH /users/{userId}` with the new `type`, then `GET`.
pub(crate) fn set_type(client: &Client, input: &SetUserTypeInput) -> Result<User, Error> {
    let user = user_segment(&input.user_id)?;
    let number = match input.user_type {
        UserType::Basic => 1,
        UserType::Licensed => 2,
        UserType::Unassigned => 4,
        UserType::None => return Err(Error::invalid("user_type", "none is only allowed when creating SSO users")),
    };
    client.send(&Call::new(Method::Patch, format!("/users/{user}")).json(&json!({"type": number})))?;
    fetch(client, &user)
}

fn set_status(client: &Client, input: &UserStatusInput, action: &str) -> Result<User, Error> {
    let user = user_segment(&input.user_id)?;
    client.send(&Call::new(Method::Put, format!("/users/{user}/status")).json(&json!({"action": action})))?;
    fetch(client, &user)
}

/// `PUT /users/{userId}/status` with `deactivate`.
pub(crate) fn deactivate(client: &Client, input: &UserStatusInput) -> Result<User, Error> {
    set_status(client, input, "deactivate")
}

/// `PUT /users/{userId}/status` with `activate`.
pub(crate) fn activate(client: &Client, input: &UserStatusInput) -> Result<User, Error> {
    set_status(client, input, "activate")
}
