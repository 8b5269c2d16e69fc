//! The WIT exports: each action builds a client for its connection, runs the resource module,
//! and turns the error into the WIT `zoom-error` with every secret scrubbed.

use crate::actions::{
    AddMeetingRegistrantInput, ConnectionInfo, CreateMeetingInput, GetMeetingInput, Guest as Actions,
    ListMeetingRegistrantsInput, ListMeetingsInput, RawRequestInput, RawResponse, Registration,
};
use crate::auth::Session;
use crate::error::Error;
use crate::http::{Client, Transport};
use crate::triggers::{Guest as Triggers, WebhookConfig, WebhookOutcome, WebhookRequest};
use crate::types::{Connection, Meeting, MeetingPage, RegistrantPage, ZoomError};
use crate::wasi_transport::WasiTransport;
use crate::{meetings, raw, registrants, users, webhook};

struct Component;

fn run<T>(conn: &Connection, action: impl FnOnce(&Client) -> Result<T, Error>) -> Result<T, ZoomError> {
    let session = Session::from_connection(conn).map_err(ZoomError::from)?;
    let client = Client::new(&WasiTransport, session);
    action(&client).map_err(|e| {
        let secrets = client.session.secrets();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        e.scrubbed(&refs).into()
    })
}

impl Actions for Component {
    fn test_connection(conn: Connection) -> Result<ConnectionInfo, ZoomError> {
        run(&conn, users::test_connection)
    }

    fn create_meeting(conn: Connection, input: CreateMeetingInput) -> Result<Meeting, ZoomError> {
        run(&conn, |c| meetings::create(c, &input))
    }

    fn get_meeting(conn: Connection, input: GetMeetingInput) -> Result<Meeting, ZoomError> {
        run(&conn, |c| meetings::get(c, &input))
    }

    fn list_meetings(conn: Connection, input: ListMeetingsInput) -> Result<MeetingPage, ZoomError> {
        run(&conn, |c| meetings::list(c, &input))
    }

    fn add_meeting_registrant(conn: Connection, input: AddMeetingRegistrantInput) -> Result<Registration, ZoomError> {
        run(&conn, |c| registrants::add(c, &input))
    }

    fn list_meeting_registrants(
        conn: Connection,
        input: ListMeetingRegistrantsInput,
    ) -> Result<RegistrantPage, ZoomError> {
        run(&conn, |c| registrants::list(c, &input))
    }

    fn raw_request(conn: Connection, input: RawRequestInput) -> Result<RawResponse, ZoomError> {
        run(&conn, |c| raw::send(c, &input))
    }
}

impl Triggers for Component {
    fn webhook(request: WebhookRequest, config: WebhookConfig) -> WebhookOutcome {
        let now = config.now_unix_seconds.unwrap_or_else(|| WasiTransport.now_unix());
        webhook::handle(&request, &config, now)
    }
}

crate::bindings::export!(Component with_types_in crate::bindings);
