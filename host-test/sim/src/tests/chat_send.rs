//! Sending Team Chat messages over TCP: to a channel and to a contact, read back
//! through the message list; mentions, replies and the spec's error codes.

use super::*;

fn post(sim: &Simulator, bearer: &str, body: Value) -> Resp {
    send(sim, "POST", "/v2/chat/users/me/messages", Some(bearer), Body::Json(&body.to_string())).unwrap()
}

#[test]
fn sent_messages_are_listed_with_mentions_and_replies() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (channel, contact) = (sim.chat_channel_id(), sim.chat_contact_email());
    let sent = post(
        &sim,
        &bearer,
        json!({"message": "@Blake all green", "to_channel": channel,
               "at_items": [{"at_type": 1, "at_contact": contact, "start_position": 0, "end_position": 5}]}),
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    let id = sent.json()["id"].as_str().unwrap().to_string();
    let listed = get(&sim, &bearer, &format!("/v2/chat/users/me/messages?to_channel={channel}")).json();
    let first = &listed["messages"][0];
    assert_eq!((first["id"].as_str(), first["message"].as_str()), (Some(id.as_str()), Some("@Blake all green")));
    assert_eq!(first["sender"], sim.admin_user()["email"]);
    assert_eq!(first["at_items"][0]["at_contact"], contact.as_str());

    let reply = post(&sim, &bearer, json!({"message": "thread", "to_channel": channel, "reply_main_message_id": id}));
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(sim.channel_messages(&channel)[0]["reply_main_message_id"], id.as_str());
    let reply_id = reply.json()["id"].as_str().unwrap().to_string();
    let nested = post(&sim, &bearer, json!({"message": "x", "to_channel": channel, "reply_main_message_id": reply_id}));
    assert_eq!(nested.err(), (400, 5402));

    let direct = post(&sim, &bearer, json!({"message": "hi there", "to_contact": contact}));
    assert_eq!(direct.status, 201, "{}", direct.body);
    let q = format!("/v2/chat/users/me/messages?to_contact={}", contact.replace('@', "%40"));
    assert_eq!(get(&sim, &bearer, &q).json()["messages"][0]["id"], direct.json()["id"]);
    let elsewhere = post(&sim, &bearer, json!({"message": "x", "to_contact": contact, "reply_main_message_id": id}));
    assert_eq!(elsewhere.err(), (400, 5402), "a channel's message is no thread of a direct chat");
}

#[test]
fn bad_targets_and_mentions_are_refused() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (channel, contact) = (sim.chat_channel_id(), sim.chat_contact_email());
    let before = sim.channel_messages(&channel).len();
    let m = |extra: Value| {
        let mut b = json!({"message": "@all hello", "to_channel": channel});
        b.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        post(&sim, &bearer, b)
    };
    let field = |r: Resp| {
        assert_eq!(r.err(), (400, 300), "{}", r.body);
        r.json()["errors"][0]["field"].as_str().unwrap().to_string()
    };
    assert_eq!(field(post(&sim, &bearer, json!({"to_channel": channel}))), "message");
    assert_eq!(field(m(json!({"message": "x".repeat(1025)}))), "message");
    assert_eq!(field(m(json!({"message": ""}))), "message");
    let at = |a: Value| json!({"at_items": [a]});
    assert_eq!(field(m(at(json!({"at_type": 3, "start_position": 0, "end_position": 3})))), "at_items[0].at_type");
    assert_eq!(
        field(m(at(json!({"at_type": 2, "start_position": 0, "end_position": 10})))),
        "at_items[0].end_position"
    );
    assert_eq!(field(m(at(json!({"at_type": 2, "start_position": 3, "end_position": 1})))), "at_items[0].end_position");
    assert_eq!(field(m(at(json!({"at_type": 1, "start_position": 0, "end_position": 3})))), "at_items[0].at_contact");
    let ghost = json!({"at_type": 1, "at_contact": "ghost@example.com", "start_position": 0, "end_position": 3});
    assert_eq!(field(m(at(ghost))), "at_items[0].at_contact");
    let all = json!({"message": "@all", "to_contact": contact, "at_items": [{"at_type": 2, "start_position": 0, "end_position": 3}]});
    assert_eq!(field(post(&sim, &bearer, all)), "at_items[0].at_type");

    let both = m(json!({"to_contact": contact}));
    assert_eq!(both.json()["message"], "Must provide either contact or channel parameter.");
    assert_eq!(
        m(json!({"to_channel": "nope"})).json(),
        json!({"code": 4130, "message": "Channel does not exist: nope."})
    );
    let outside = sim.chat_channel_without(&contact);
    let r = send(
        &sim,
        "POST",
        &format!("/v2/chat/users/{}/messages", contact.replace('@', "%40")),
        Some(&bearer),
        Body::Json(&json!({"message": "hi", "to_channel": outside}).to_string()),
    )
    .unwrap();
    assert_eq!(r.err(), (404, 4130), "a channel the sender is not in");
    let ghost = post(&sim, &bearer, json!({"message": "hi", "to_contact": "ghost@example.com"}));
    assert_eq!(ghost.json(), json!({"code": 1001, "message": "User does not exist: ghost@example.com."}));
    assert_eq!(m(json!({"file_ids": ["f1"]})).err(), (400, 5403));
    assert_eq!(m(json!({"scheduled_time": "2020-01-01T00:00:00Z"})).err(), (400, 300));
    assert_eq!(sim.channel_messages(&channel).len(), before, "nothing refused was stored");
}
