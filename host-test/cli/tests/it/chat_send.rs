//! Sending Team Chat messages through the component, read back with `list-user-chat-messages`:
//! to a channel with mentions and as a thread reply, directly to a contact on behalf of another
//! user; the rules before anything is sent, and Zoom's not-found codes.

use serde_json::{json, Value};

use crate::harness::{kind, Env};

fn sent_bodies(env: &Env) -> Vec<Value> {
    let posts = env.sim.requests().into_iter().filter(|r| r.method == "POST" && r.path.ends_with("/messages"));
    posts.map(|r| serde_json::from_str(&r.body).expect("a JSON body")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_channel_message_with_a_mention_and_a_reply_is_listed() {
    let mut env = Env::new().await;
    let (channel, contact) = (env.sim.chat_channel_id(), env.sim.chat_contact_email());
    let text = "@Blake the release notes are ready, @all please read";
    let sent = env
        .ok(
            "send-chat-message",
            json!({"to_channel": channel, "message": text, "at_items": [
                {"at_type": "contact", "start_position": 0, "end_position": 5, "at_contact": contact},
                {"at_type": "all_in_channel", "start_position": 35, "end_position": 38}]}),
        )
        .await;
    let id = sent["id"].as_str().expect("a message id").to_owned();
    let body = &sent_bodies(&env)[0];
    assert_eq!(
        body["at_items"][0],
        json!({"at_type": 1, "at_contact": contact, "start_position": 0, "end_position": 5})
    );
    assert_eq!(body["at_items"][1], json!({"at_type": 2, "start_position": 35, "end_position": 38}));
    assert_eq!(sent_bodies(&env).len(), 1, "sent once");

    let reply = env
        .ok("send-chat-message", json!({"to_channel": channel, "message": "Thanks!", "reply_main_message_id": id}))
        .await;
    let listed = env.ok("list-user-chat-messages", json!({"to_channel": channel})).await;
    let items = listed["items"].as_array().unwrap();
    let mine = items.iter().find(|m| m["id"] == id.as_str()).expect("the sent message is listed");
    assert_eq!(mine["message"], text);
    assert_eq!(mine["sender"], env.sim.admin_user()["email"]);
    assert_eq!(mine["status"], "Normal");
    let raw: Value = serde_json::from_str(mine["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw["at_items"][0]["at_contact"], contact.as_str());
    let answer = items.iter().find(|m| m["id"] == reply["id"]).expect("the reply is listed");
    let raw: Value = serde_json::from_str(answer["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw["reply_main_message_id"], id.as_str());
    let without_replies =
        env.ok("list-user-chat-messages", json!({"to_channel": channel, "exclude_child_message": true})).await;
    assert!(without_replies["items"].as_array().unwrap().iter().all(|m| m["id"] != reply["id"]));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_direct_message_sent_for_another_user_reaches_the_conversation() {
    let mut env = Env::new().await;
    let contact = env.sim.chat_contact_email();
    let admin = env.sim.admin_user()["email"].as_str().unwrap().to_owned();
    let sent = env
        .ok("send-chat-message", json!({"user_id": contact, "to_contact": admin, "message": "Forecast attached"}))
        .await;
    assert!(env
        .sim
        .requests()
        .iter()
        .any(|r| r.method == "POST" && r.path == format!("/v2/chat/users/{}/messages", contact.replace('@', "%40"))));
    let listed = env.ok("list-user-chat-messages", json!({"to_contact": contact})).await;
    let first = &listed["items"][0];
    assert_eq!((&first["id"], first["message"].as_str()), (&sent["id"], Some("Forecast attached")));
    assert_eq!(first["sender"], contact.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_targets_and_bad_mentions() {
    let mut env = Env::new().await;
    let (channel, contact) = (env.sim.chat_channel_id(), env.sim.chat_contact_email());
    let e = env.err("send-chat-message", json!({"to_channel": "nope", "message": "hi"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(4130)), "{e}");
    let outside = env.sim.chat_channel_without(&contact);
    let e = env.err("send-chat-message", json!({"user_id": contact, "to_channel": outside, "message": "hi"})).await;
    assert_eq!(e["not_found"]["code"].as_i64(), Some(4130), "a channel the sender is not in: {e}");
    let e = env.err("send-chat-message", json!({"to_contact": "ghost@example.com", "message": "hi"})).await;
    assert_eq!((kind(&e), e["not_found"]["code"].as_i64()), ("not_found", Some(1001)), "{e}");
    let ghost =
        json!([{"at_type": "contact", "start_position": 0, "end_position": 1, "at_contact": "ghost@example.com"}]);
    let e = env.err("send-chat-message", json!({"to_channel": channel, "message": "@g hi", "at_items": ghost})).await;
    assert_eq!(e["invalid_input"]["field"], "at_items[0].at_contact", "Zoom's validation names the mention: {e}");

    env.sim.clear_requests();
    let at = |a: Value| json!({"to_channel": channel, "message": "@Ann hi", "at_items": [a]});
    for (input, field) in [
        (json!({"to_channel": channel, "message": " "}), "message"),
        (json!({"to_channel": channel, "message": "x".repeat(1025)}), "message"),
        (json!({"message": "hi"}), "to_contact"),
        (json!({"to_channel": channel, "to_contact": contact, "message": "hi"}), "to_contact"),
        (at(json!({"at_type": "contact", "start_position": 0, "end_position": 3})), "at_items[0].at_contact"),
        (at(json!({"at_type": "all_in_channel", "start_position": 2, "end_position": 7})), "at_items[0].end_position"),
        (at(json!({"at_type": "all_in_channel", "start_position": 3, "end_position": 1})), "at_items[0].end_position"),
        (
            at(json!({"at_type": "all_in_channel", "start_position": 9, "end_position": 9})),
            "at_items[0].start_position",
        ),
        (
            json!({"to_contact": contact, "message": "@all", "at_items": [{"at_type": "all_in_channel", "start_position": 0, "end_position": 3}]}),
            "at_items[0].at_type",
        ),
    ] {
        let e = env.err("send-chat-message", input.clone()).await;
        assert_eq!(e["invalid_input"]["field"], field, "{input}: {e}");
    }
    assert!(env.sim.requests().iter().all(|r| !r.path.starts_with("/v2/")), "nothing sent");
}
