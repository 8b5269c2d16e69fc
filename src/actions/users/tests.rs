use super::*;
use crate::auth::Session;
use crate::http::testing::Scripted;

fn create_input() -> CreateUserInput {
    CreateUserInput {
        action: CreateAction::Create,
        email: "new@example.com".into(),
        user_type: UserType::Licensed,
        first_name: Some("New".into()),
        last_name: None,
        display_name: None,
        password: None,
        zoom_phone: Some(true),
        zoom_one_type: None,
        plan_united_type: None,
    }
}

fn field(r: Result<impl Sized, Error>) -> String {
    match r {
        Err(Error::InvalidInput { field, .. }) => field,
        Err(other) => panic!("expected invalid input, got {other}"),
        Ok(_) => panic!("expected invalid input, got success"),
    }
}

#[test]
fn create_body_wire_format() {
    assert_eq!(
        create_body(&create_input()).unwrap(),
        json!({"action": "create", "user_info": {"email": "new@example.com", "type": 2, "first_name": "New", "feature": {"zoom_phone": true}}})
    );
}

#[test]
fn password_rules_are_zooms() {
    assert!(check_password("Secr3tPass").is_ok());
    for bad in ["Sh0rt", "alllowercase1", "ALLUPPER1", "NoDigitsHere", "Abcdefgh1", "Aa1234567"] {
        assert_eq!(field(check_password(bad)), "password", "{bad}");
    }
    let auto = CreateUserInput { action: CreateAction::AutoCreate, ..create_input() };
    assert_eq!(field(create_body(&auto)), "password");
    let stray = CreateUserInput { password: Some("Secr3tPass".into()), ..create_input() };
    assert_eq!(field(create_body(&stray)), "password");
    let none_type = CreateUserInput { user_type: UserType::None, ..create_input() };
    assert_eq!(field(create_body(&none_type)), "user_type");
}

fn update_input() -> UpdateUserInput {
    UpdateUserInput { first_name: None, ..crate::spec_examples::inputs::update_user() }
}

#[test]
fn update_body_sends_only_given_fields() {
    let i = UpdateUserInput { dept: Some("Ops".into()), user_type: Some(UserType::Basic), ..update_input() };
    assert_eq!(update_body(&i).unwrap(), json!({"dept": "Ops", "type": 1}));
    assert_eq!(field(update_body(&update_input())), "input");
    assert_eq!(field(update_body(&UpdateUserInput { pmi: Some(123), ..update_input() })), "pmi");
    assert_eq!(field(update_body(&UpdateUserInput { host_key: Some("12a456".into()), ..update_input() })), "host_key");
}

#[test]
fn delete_checks_transfers_before_sending() {
    let t = Scripted::new(vec![]);
    let client = Client::new(&t, Session::bearer("t", "https://x/v2"));
    let input = DeleteUserInput {
        user_id: "u1".into(),
        action: None,
        transfer_email: None,
        transfer_meeting: Some(true),
        transfer_webinar: None,
        transfer_recording: None,
        transfer_whiteboard: None,
        encrypted_email: None,
    };
    assert_eq!(field(delete(&client, &input)), "transfer_email");
    assert_eq!(field(delete(&client, &DeleteUserInput { user_id: "me".into(), ..input })), "user_id");
    assert!(t.sent.borrow().is_empty());
}

#[test]
fn scope_gaps_list_actions_whose_scopes_are_all_missing() {
    let gaps = scope_gaps(&["user:read:user:admin".to_owned(), "meeting:read:meeting:admin".to_owned()]);
    let ids: Vec<&str> = gaps.iter().map(|g| g.action.as_str()).collect();
    assert!(ids.contains(&"create-meeting") && ids.contains(&"list-users"), "{ids:?}");
    assert!(
        !ids.contains(&"get-meeting") && !ids.contains(&"test-connection") && !ids.contains(&"raw-request"),
        "{ids:?}"
    );
    let create = gaps.iter().find(|g| g.action == "create-meeting").unwrap();
    assert!(create.needs_one_of.contains(&"meeting:write:meeting:admin".to_owned()));
}

#[test]
fn a_pmi_documented_as_text_is_read_as_the_number() {
    // The Meetings document gives `pmi` as "97891943927", the Users document as a number.
    let v = json!({"id": "u1", "email": "a@example.com", "type": "1", "pmi": "97891943927"});
    let u = parse_user(&v).unwrap();
    assert_eq!((u.pmi, u.user_type), (Some(97891943927), 1));
    assert_eq!(parse_user(&json!({"id": "u1", "email": "a@example.com", "type": 1, "pmi": ""})).unwrap().pmi, None);
}
