//! A user's settings. <https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}/settings>

use serde_json::Value;

use crate::error::Error;
use crate::http::url::user_path;
use crate::http::{Call, Client, Method};
use crate::validate;
use crate::wit::user_types::{GetUserSettingsInput, SettingsOption, UpdateUserSettingsInput, UserSettings};

/// `GET /users/{userId}/settings`.
pub(crate) fn get(client: &Client, input: &GetUserSettingsInput) -> Result<UserSettings, Error> {
    let user = user_path(input.user_id.as_deref())?;
    let fields = input.custom_query_fields.as_ref().filter(|f| !f.is_empty()).map(|f| f.join(","));
    let call = Call::new(Method::Get, format!("/users/{user}/settings"))
        .query("option", input.option.map(option_name))
        .query("custom_query_fields", fields.as_deref());
    read(client, &call, input.user_id.as_deref())
}

/// `PATCH /users/{userId}/settings`, then `GET` so the caller sees what Zoom now holds.
pub(crate) fn update(client: &Client, input: &UpdateUserSettingsInput) -> Result<UserSettings, Error> {
    let settings = validate::json_object("settings", &input.settings)?;
    if settings.is_empty() {
        return Err(Error::invalid("settings", "names nothing to change"));
    }
    // The settings groups are objects; the `option` structures also take plain values
    // (`{"meeting_authentication": true}`).
    if input.option.is_none() {
        if let Some((group, _)) = settings.iter().find(|(_, v)| !v.is_object()) {
            return Err(Error::invalid(format!("settings.{group}"), "must be an object of settings"));
        }
    }
    let user = user_path(input.user_id.as_deref())?;
    let option = input.option.map(option_name);
    let path = format!("/users/{user}/settings");
    client.send(&Call::new(Method::Patch, path.clone()).query("option", option).json(&Value::Object(settings)))?;
    read(client, &Call::new(Method::Get, path).query("option", option), input.user_id.as_deref())
}

fn read(client: &Client, call: &Call, user_id: Option<&str>) -> Result<UserSettings, Error> {
    let v = client.send_json(call)?;
    if !v.is_object() {
        return Err(Error::Unreadable("Zoom's settings answer is not an object".to_owned()));
    }
    let user_id = user_id.map(str::trim).filter(|u| !u.is_empty()).unwrap_or("me").to_owned();
    Ok(UserSettings { user_id, settings: v.to_string() })
}

fn option_name(o: SettingsOption) -> &'static str {
    match o {
        SettingsOption::MeetingAuthentication => "meeting_authentication",
        SettingsOption::RecordingAuthentication => "recording_authentication",
        SettingsOption::MeetingSecurity => "meeting_security",
    }
}
