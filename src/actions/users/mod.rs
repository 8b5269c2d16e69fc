//! Users: who a connection acts as, and the account's users. <https://developers.zoom.us/docs/api/users/>

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::paging;
use crate::http::url::segment;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, text};
use crate::json_fields::{record, Num, Text};
use crate::manifest;
use crate::manifest::spec;
use crate::validate;
use crate::wit::raw_types::{ConnectionInfo, ScopeGap};
use crate::wit::user_types::{
    CreateAction, CreateUserInput, CreatedUser, DeleteAction, DeleteUserInput, DeletedUser, GetUserInput,
    ListUsersInput, UpdateUserInput, User, UserIncludeField, UserPage, UserStatus, UserType,
};

/// `GET /users` allows up to 2000 users a page.
const LIST_MAX_PAGE_SIZE: u32 = 2000;

/// `GET /users/me`.
pub(crate) fn test_connection(client: &Client) -> Result<ConnectionInfo, Error> {
    let v = client.send_json(&Call::new(Method::Get, "/users/me"))?;
    let user = parse_user(&v)?;
    let granted = client.session.granted_scopes();
    Ok(ConnectionInfo {
        user_id: user.id,
        email: user.email,
        account_id: user.account_id,
        display_name: user.display_name,
        user_type: user.user_type,
        connection_kind: client.session.kind_name().to_owned(),
        scope_gaps: granted.as_deref().map(scope_gaps).unwrap_or_default(),
        granted_scopes: granted,
    })
}

/// The actions none of whose scopes (granular or classic) the token carries.
pub(crate) fn scope_gaps(granted: &[String]) -> Vec<ScopeGap> {
    manifest::describe()
        .into_iter()
        .filter(|a| !a.scopes.is_empty() && !a.scopes.iter().any(|s| granted.contains(s)))
        .map(|a| ScopeGap { action: a.id, needs_one_of: a.scopes })
        .collect()
}

/// `POST /users`.
pub(crate) fn create(client: &Client, input: &CreateUserInput) -> Result<CreatedUser, Error> {
    let body = create_body(input)?;
    client.send_write(&Call::new(Method::Post, "/users").json(&body), |v| {
        let missing = |k: &str| Error::Unreadable(format!("Zoom's created user has no `{k}`"));
        Ok(CreatedUser {
            id: text(v, "id").ok_or_else(|| missing("id"))?,
            email: text(v, "email").unwrap_or_else(|| input.email.trim().to_owned()),
            first_name: text(v, "first_name"),
            last_name: text(v, "last_name"),
            user_type: capped_u32(v, "type").unwrap_or(type_number(input.user_type)),
        })
    })
}

/// Builds and checks the body of `POST /users`.
pub(crate) fn create_body(input: &CreateUserInput) -> Result<Value, Error> {
    validate::email("email", &input.email)?;
    validate::max_chars("first_name", input.first_name.as_deref(), 64)?;
    validate::max_chars("last_name", input.last_name.as_deref(), 64)?;
    validate::max_chars("display_name", input.display_name.as_deref(), 128)?;
    spec::one_of("plan_united_type", "userCreate", "user_info.plan_united_type", input.plan_united_type.as_deref())?;
    spec::one_of_number("zoom_one_type", "userCreate", "user_info.feature.zoom_one_type", input.zoom_one_type)?;
    match (&input.password, input.action) {
        (Some(p), CreateAction::AutoCreate) => check_password(p)?,
        (Some(_), _) => return Err(Error::invalid("password", "is only used with action auto-create")),
        (None, CreateAction::AutoCreate) => return Err(Error::invalid("password", "is required with auto-create")),
        (None, _) => {}
    }
    if input.user_type == UserType::None && input.action != CreateAction::SsoCreate {
        return Err(Error::invalid("user_type", "none is only allowed with action sso-create"));
    }
    let action = match input.action {
        CreateAction::Create => "create",
        CreateAction::AutoCreate => "autoCreate",
        CreateAction::CustCreate => "custCreate",
        CreateAction::SsoCreate => "ssoCreate",
    };
    let mut info = Map::new();
    info.insert("email".into(), json!(input.email.trim()));
    info.insert("type".into(), json!(type_number(input.user_type)));
    for (k, v) in [
        ("first_name", &input.first_name),
        ("last_name", &input.last_name),
        ("display_name", &input.display_name),
        ("password", &input.password),
        ("plan_united_type", &input.plan_united_type),
    ] {
        if let Some(v) = v {
            info.insert(k.into(), json!(v));
        }
    }
    let mut feature = Map::new();
    if let Some(p) = input.zoom_phone {
        feature.insert("zoom_phone".into(), json!(p));
    }
    if let Some(t) = input.zoom_one_type {
        feature.insert("zoom_one_type".into(), json!(t));
    }
    if !feature.is_empty() {
        info.insert("feature".into(), Value::Object(feature));
    }
    Ok(json!({"action": action, "user_info": info}))
}

/// Zoom's basic password rules, checked before sending so the error names the field.
pub(crate) fn check_password(p: &str) -> Result<(), Error> {
    let fail = |why: &str| Err(Error::invalid("password", why));
    let n = p.chars().count();
    if !(8..=32).contains(&n) {
        return fail("must be 8 to 32 characters");
    }
    if !p.chars().any(|c| c.is_ascii_digit()) {
        return fail("must contain a digit");
    }
    if !p.chars().any(|c| c.is_lowercase()) || !p.chars().any(|c| c.is_uppercase()) {
        return fail("must contain upper- and lower-case letters");
    }
    let chars: Vec<char> = p.chars().collect();
    if chars.iter().all(|c| *c == chars[0]) {
        return fail("must not repeat one character");
    }
    let mut run = 1;
    for w in chars.windows(2) {
        run = if w[1] as u32 == w[0] as u32 + 1 { run + 1 } else { 1 };
        if run > 6 {
            return fail("must not contain more than 6 consecutive characters (like abcdefg or 1234567)");
        }
    }
    Ok(())
}

/// `GET /users/{userId}`.
pub(crate) fn get(client: &Client, input: &GetUserInput) -> Result<User, Error> {
    spec::one_of_number("login_type", "user", "login_type", input.login_type.map(u64::from))?;
    let user = user_path(input.user_id.as_deref())?;
    let call = Call::new(Method::Get, format!("/users/{user}"))
        .query("login_type", input.login_type)
        .query("encrypted_email", input.encrypted_email);
    parse_user(&client.send_json(&call)?)
}

/// `PATCH /users/{userId}`, then `GET` so the caller sees what Zoom now holds.
pub(crate) fn update(client: &Client, input: &UpdateUserInput) -> Result<User, Error> {
    let body = update_body(input)?;
    let user = user_path(input.user_id.as_deref())?;
    client.send(&Call::new(Method::Patch, format!("/users/{user}")).json(&body))?;
    parse_user(&client.send_json(&Call::new(Method::Get, format!("/users/{user}")))?)
}

/// Builds and checks the body of `PATCH /users/{userId}`.
pub(crate) fn update_body(input: &UpdateUserInput) -> Result<Value, Error> {
    validate::max_chars("first_name", input.first_name.as_deref(), 64)?;
    validate::max_chars("last_name", input.last_name.as_deref(), 64)?;
    validate::max_chars("display_name", input.display_name.as_deref(), 128)?;
    validate::max_chars("company", input.company.as_deref(), 255)?;
    validate::max_chars("location", input.location.as_deref(), 256)?;
    if input.pmi.is_some_and(|p| !(1_000_000_000..=9_999_999_999).contains(&p)) {
        return Err(Error::invalid("pmi", "must be 10 digits"));
    }
    if let Some(k) = &input.host_key {
        if !(6..=10).contains(&k.len()) || !k.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid("host_key", "must be 6 to 10 digits"));
        }
    }
    let mut m = Map::new();
    for (k, v) in [
        ("first_name", &input.first_name),
        ("last_name", &input.last_name),
        ("display_name", &input.display_name),
        ("timezone", &input.timezone),
        ("language", &input.language),
        ("dept", &input.dept),
        ("job_title", &input.job_title),
        ("company", &input.company),
        ("location", &input.location),
        ("host_key", &input.host_key),
        ("vanity_name", &input.vanity_name),
        ("cost_center", &input.cost_center),
        ("pronouns", &input.pronouns),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), json!(v));
        }
    }
    if let Some(t) = input.user_type {
        m.insert("type".into(), json!(type_number(t)));
    }
    if let Some(p) = input.pmi {
        m.insert("pmi".into(), json!(p));
    }
    if let Some(u) = input.use_pmi {
        m.insert("use_pmi".into(), json!(u));
    }
    if let Some(extra) = &input.extra_fields {
        m.extend(validate::json_object("extra_fields", extra)?);
    }
    if m.is_empty() {
        return Err(Error::invalid("input", "names nothing to change"));
    }
    Ok(Value::Object(m))
}

/// `DELETE /users/{userId}`.
pub(crate) fn delete(client: &Client, input: &DeleteUserInput) -> Result<DeletedUser, Error> {
    validate::required("user_id", &input.user_id, 128)?;
    if input.user_id.trim() == "me" {
        return Err(Error::invalid("user_id", "must name a user; the connection's own user cannot be removed"));
    }
    let transfers =
        [input.transfer_meeting, input.transfer_webinar, input.transfer_recording, input.transfer_whiteboard];
    if transfers.contains(&Some(true)) && input.transfer_email.as_deref().is_none_or(|e| e.trim().is_empty()) {
        return Err(Error::invalid(
            "transfer_email",
            "is required to transfer meetings, webinars, recordings or whiteboards",
        ));
    }
    if let Some(e) = &input.transfer_email {
        validate::email("transfer_email", e)?;
    }
    let action = input.action.unwrap_or(DeleteAction::Disassociate);
    let call = Call::new(Method::Delete, format!("/users/{}", segment("user_id", &input.user_id)?))
        .query("action", Some(if action == DeleteAction::Delete { "delete" } else { "disassociate" }))
        .query("transfer_email", input.transfer_email.as_deref())
        .query("transfer_meeting", input.transfer_meeting)
        .query("transfer_webinar", input.transfer_webinar)
        .query("transfer_recording", input.transfer_recording)
        .query("transfer_whiteboard", input.transfer_whiteboard)
        .query("encrypted_email", input.encrypted_email);
    client.send(&call)?;
    Ok(DeletedUser { user_id: input.user_id.trim().to_owned(), action })
}

/// `GET /users`, every page or one.
pub(crate) fn list(client: &Client, input: &ListUsersInput) -> Result<UserPage, Error> {
    spec::one_of("license", "users", "license", input.license.as_deref())?;
    let status = match input.status.unwrap_or(UserStatus::Active) {
        UserStatus::Active => "active",
        UserStatus::Inactive => "inactive",
        UserStatus::Pending => "pending",
    };
    let include = input.include_field.map(|f| match f {
        UserIncludeField::CustomAttributes => "custom_attributes",
        UserIncludeField::HostKey => "host_key",
    });
    let gathered = paging::gather_raw(
        input.paging.as_ref(),
        "users",
        LIST_MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, "/users")
                .query("status", Some(status))
                .query("role_id", input.role_id.as_deref())
                .query("include_fields", include)
                .query("license", input.license.as_deref())
                .query("page_size", size)
                .query("next_page_token", token);
            client.send(&call).map(|r| (r.status, r.body))
        },
        parse_raw_user,
    )?;
    Ok(UserPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

fn type_number(t: UserType) -> u32 {
    match t {
        UserType::Basic => 1,
        UserType::Licensed => 2,
        UserType::Unassigned => 4,
        UserType::None => 99,
    }
}

/// The fields of Zoom's user object that [`User`] keeps.
#[derive(Deserialize, Default)]
#[serde(default)]
struct UserFields {
    id: Text,
    email: Text,
    first_name: Text,
    last_name: Text,
    display_name: Text,
    #[serde(rename = "type")]
    user_type: Num,
    status: Text,
    role_name: Text,
    role_id: Text,
    dept: Text,
    timezone: Text,
    pmi: Num,
    last_login_time: Text,
    last_client_version: Text,
    user_created_at: Text,
    created_at: Text,
    account_id: Text,
}

/// Reads Zoom's user JSON; `id`, `email` and `type` are required by its schema.
pub(crate) fn parse_user(v: &Value) -> Result<User, Error> {
    let raw = v.to_string();
    user_from(record(&raw), raw)
}

/// [`parse_user`] on one item of a page, kept as Zoom's text in `raw`.
fn parse_raw_user(raw: &RawValue) -> Result<User, Error> {
    user_from(record(raw.get()), raw.get().to_owned())
}

fn user_from(f: UserFields, raw: String) -> Result<User, Error> {
    let missing = |k: &str| Error::Unreadable(format!("Zoom's user object has no `{k}`"));
    Ok(User {
        id: f.id.0.ok_or_else(|| missing("id"))?,
        email: f.email.0.ok_or_else(|| missing("email"))?,
        first_name: f.first_name.0,
        last_name: f.last_name.0,
        display_name: f.display_name.0,
        user_type: f.user_type.capped_u32().ok_or_else(|| missing("type"))?,
        status: f.status.0,
        role_name: f.role_name.0,
        role_id: f.role_id.0,
        dept: f.dept.0,
        timezone: f.timezone.0,
        pmi: f.pmi.0,
        last_login_time: f.last_login_time.0,
        last_client_version: f.last_client_version.0,
        user_created_at: f.user_created_at.0.or(f.created_at.0),
        account_id: f.account_id.0,
        raw,
    })
}

#[cfg(test)]
mod tests;
