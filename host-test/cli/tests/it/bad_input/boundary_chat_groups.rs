//! Boundary inputs of send-chat-message and the group actions, in `boundary`'s form: a blank or
//! over-long message, both or neither target, mentions outside the message or missing their
//! contact, an everyone mention in a direct message; an empty or over-30 batch, a member with
//! both or neither of id and email, blank or `..` group and member ids, bad paging.

use serde_json::{json, Value};

use super::boundary::{b, paging, Boundary};
use super::pools::Pools;

pub fn cases(p: &Pools) -> Vec<Boundary> {
    let (channel, contact) = (p.channel.as_str(), p.contact.as_str());
    let group = p.groups[0].as_str();
    let send = |extra: Value| {
        let mut input = json!({"to_channel": channel, "message": "@Ann hi"});
        input.as_object_mut().expect("an object").extend(extra.as_object().expect("an object").clone());
        input
    };
    let at = |a: Value| send(json!({"at_items": [a]}));
    let all = |start: u32, end: u32| json!({"at_type": "all_in_channel", "start_position": start, "end_position": end});
    let many: Vec<Value> = (0..31).map(|i| json!({"email": format!("m{i}@example.com")})).collect();
    let add = |members: Value| json!({"group_id": group, "members": members});
    let mut out = vec![
        b("send-chat-message", send(json!({"message": ""})), &["message"]),
        b("send-chat-message", send(json!({"message": " \n "})), &["message"]),
        b("send-chat-message", send(json!({"message": "m".repeat(1025)})), &["message"]),
        b("send-chat-message", json!({"message": "hi"}), &["to_contact", "to_channel"]),
        b("send-chat-message", send(json!({"to_contact": contact})), &["to_contact", "to_channel"]),
        b("send-chat-message", json!({"to_contact": "a@b", "message": "hi"}), &["to_contact"]),
        b("send-chat-message", send(json!({"to_channel": "c".repeat(129)})), &["to_channel"]),
        b("send-chat-message", send(json!({"user_id": "u".repeat(129)})), &["user_id"]),
        b("send-chat-message", at(all(7, 7)), &["at_items[0].start_position"]),
        b("send-chat-message", at(all(0, 7)), &["at_items[0].end_position"]),
        b("send-chat-message", at(all(3, 2)), &["at_items[0].end_position"]),
        b("send-chat-message", at(all(0, u32::MAX)), &["at_items[0].end_position"]),
        b(
            "send-chat-message",
            at(json!({"at_type": "contact", "start_position": 0, "end_position": 3})),
            &["at_items[0].at_contact"],
        ),
        b(
            "send-chat-message",
            json!({"to_contact": contact, "message": "@all", "at_items": [all(0, 3)]}),
            &["at_items[0].at_type"],
        ),
        b("add-group-members", add(json!([])), &["members"]),
        b("add-group-members", add(json!(many)), &["members"]),
        b("add-group-members", add(json!([{}])), &["members[0].id", "members[0].email"]),
        b("add-group-members", add(json!([{"id": "u1", "email": "a@example.com"}])), &["members[0].id"]),
        b("add-group-members", add(json!([{"id": "u1"}, {"email": "nope"}])), &["members[1].email"]),
        b("add-group-members", json!({"group_id": " ", "members": [{"id": "u1"}]}), &["group_id"]),
        b("add-group-members", json!({"group_id": "..", "members": [{"id": "u1"}]}), &["group_id"]),
        b("remove-group-member", json!({"group_id": group, "member_id": ""}), &["member_id"]),
        b("remove-group-member", json!({"group_id": group, "member_id": ".."}), &["member_id"]),
        b("remove-group-member", json!({"group_id": group, "member_id": "m".repeat(129)}), &["member_id"]),
        b("remove-group-member", json!({"group_id": "", "member_id": "u1"}), &["group_id"]),
    ];
    out.extend(paging("list-groups", json!({}), 300));
    out
}
