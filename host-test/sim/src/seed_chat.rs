//! Seeded Team Chat: twelve channels of the account owner's (more than the
//! default page of ten), a busy first channel with today's messages
//! (replies, a file, one edited and one deleted message) plus older days,
//! and a direct conversation with one colleague.

use super::chat::{Channel, ChatMessage};
use super::clock;
use super::store::Store;
use serde_json::{json, Value};

/// (name, type): 1 private, 2 private within the account, 3 public,
/// 5 public across accounts.
const CHANNELS: &[(&str, i64)] = &[
    ("General", 3),
    ("Engineering", 2),
    ("Sales Team", 1),
    ("Support Escalations", 2),
    ("Random", 3),
    ("Product Launch", 1),
    ("Design Review", 2),
    ("Marketing", 3),
    ("Ops On-Call", 1),
    ("Leadership", 1),
    ("Book Club", 3),
    ("Partner Connect", 5),
];

/// One message: sender (user index), text, status, reply-to (index into
/// the same day's list), attached file.
struct Line {
    sender: usize,
    text: &'static str,
    status: &'static str,
    reply_to: Option<usize>,
    file: Option<(&'static str, &'static str, u64)>,
}

const fn line(sender: usize, text: &'static str) -> Line {
    Line { sender, text, status: "Normal", reply_to: None, file: None }
}

const fn reply(sender: usize, text: &'static str, to: usize) -> Line {
    Line { sender, text, status: "Normal", reply_to: Some(to), file: None }
}

const TODAY_CHANNEL: &[Line] = &[
    line(0, "Good morning team! Stand-up in 10 minutes."),
    line(1, "Morning! I'll share the sales numbers after stand-up."),
    line(3, "Deploy finished, all green."),
    reply(0, "Nice work, thanks!", 2),
    Line {
        sender: 1,
        text: "Here's the Q3 deck",
        status: "Normal",
        reply_to: None,
        file: Some(("q3-sales-deck.pdf", "file_and_text", 2_483_112)),
    },
    Line { sender: 0, text: "Lunch at 12:30 instead?", status: "Edited", reply_to: None, file: None },
    Line { sender: 3, text: "", status: "Deleted", reply_to: None, file: None },
    reply(3, "Thanks, reviewing the deck now.", 4),
    line(0, "Reminder: release notes are due Friday."),
    Line {
        sender: 1,
        text: "",
        status: "Normal",
        reply_to: None,
        file: Some(("dashboard.png", "png_image_file", 348_221)),
    },
];

const EARLIER_CHANNEL: &[(i64, &[Line])] = &[
    (
        1,
        &[
            line(0, "Retro notes are in the doc."),
            line(3, "Added two action items."),
            line(1, "Customer call moved to Thursday."),
            line(0, "Thanks all, see you tomorrow."),
        ],
    ),
    (
        3,
        &[
            line(1, "Welcome to the new quarter!"),
            line(0, "Planning doc is pinned."),
            line(3, "Infra budget draft attached to the doc."),
        ],
    ),
];

const TODAY_DIRECT: &[Line] = &[
    line(0, "Hi Blake, do you have a minute?"),
    line(1, "Sure, what's up?"),
    line(0, "Can you send me the renewal forecast?"),
    line(1, "Sending it over in an hour."),
];

const YESTERDAY_DIRECT: &[Line] = &[line(1, "Thanks for the intro to Acme."), line(0, "Happy to help!")];

pub(crate) fn seed(store: &mut Store) {
    let base = store.base_url.clone();
    let ids: Vec<String> = store.users.iter().filter_map(|u| u["id"].as_str().map(String::from)).collect();
    for (i, &(name, kind)) in CHANNELS.iter().enumerate() {
        let rng = &mut store.rng;
        let id: String = rng.hyphenated_uuid().replace('-', "")[..24].to_string();
        let mut members = vec![ids[0].clone()];
        if i < 4 {
            members.extend(ids.iter().skip(1).take(3).cloned());
        }
        let record = json!({
            "id": id,
            "jid": format!("{id}@conference.xmpp.zoom.us"),
            "name": name,
            "type": kind,
            "channel_url": format!("{base}/launch/chat/v2/{}", rng.alnum(60)),
            "channel_settings": {
                "new_members_can_see_previous_messages_files": true,
                "allow_to_add_external_users": if kind == 5 { 2 } else { 0 },
                "posting_permissions": 1,
                "add_member_permissions": 1,
                "mention_all_permissions": 1
            }
        });
        store.channels.push(Channel { record, members });
    }
    let channel = store.channels[0].record["id"].as_str().unwrap_or_default().to_string();
    let direct = (ids[0].clone(), ids[1].clone());
    let day0 = clock::today() * 86_400;
    // Today's messages are spread between midnight UTC and now so that the
    // default `date` (today) finds them whenever the simulator starts.
    let now = clock::now_secs();
    let today_slots =
        |n: usize| -> Vec<i64> { (1..=n as i64).map(|k| day0 + (now - day0) * k / (n as i64 + 1)).collect() };
    post(store, (Some(&channel), None), TODAY_CHANNEL, &today_slots(TODAY_CHANNEL.len()));
    for (days_ago, lines) in EARLIER_CHANNEL {
        let slots: Vec<i64> = (0..lines.len() as i64).map(|k| day0 - days_ago * 86_400 + 9 * 3600 + k * 1800).collect();
        post(store, (Some(&channel), None), lines, &slots);
    }
    post(store, (None, Some(&direct)), TODAY_DIRECT, &today_slots(TODAY_DIRECT.len()));
    let slots: Vec<i64> = (0..YESTERDAY_DIRECT.len() as i64).map(|k| day0 - 86_400 + 15 * 3600 + k * 600).collect();
    post(store, (None, Some(&direct)), YESTERDAY_DIRECT, &slots);
}

fn post(
    store: &mut Store,
    (channel, between): (Option<&String>, Option<&(String, String)>),
    lines: &[Line],
    secs: &[i64],
) {
    let base = store.base_url.clone();
    let mut posted: Vec<Value> = Vec::new();
    for (line, &t) in lines.iter().zip(secs) {
        let Some(sender) = store.users.get(line.sender).cloned() else { continue };
        // Spread within the second so timestamps are unique and ordered.
        let ms = t * 1000 + posted.len() as i64;
        let rng = &mut store.rng;
        let mut record = json!({
            "id": rng.hyphenated_uuid().to_uppercase(),
            "message": line.text,
            "sender": sender["email"],
            "send_member_id": format!("R{}", rng.alnum(47)),
            "sender_display_name": sender["display_name"],
            "date_time": clock::format_utc(t),
            "timestamp": ms,
            "message_type": "plain_text_message",
            "status": line.status,
            "reactions": [],
        });
        if let Some(parent) = line.reply_to.and_then(|i| posted.get(i)) {
            record["reply_main_message_id"] = parent["id"].clone();
            record["reply_main_message_timestamp"] = parent["timestamp"].clone();
        }
        if let Some((name, kind, size)) = line.file {
            let file_id = rng.alnum(22);
            let url = format!("{base}/file/download/{file_id}?filename={name}");
            let file = json!({"file_id": file_id, "file_name": name, "file_size": size, "download_url": url});
            for k in ["file_id", "file_name", "file_size", "download_url"] {
                record[k] = file[k].clone();
            }
            record["files"] = json!([file]);
            record["message_type"] = json!(kind);
        }
        posted.push(record.clone());
        store.messages.push(ChatMessage { channel: channel.cloned(), between: between.cloned(), record });
    }
}

pub(crate) fn channel_id(store: &Store) -> String {
    store.messages.iter().find_map(|m| m.channel.clone()).unwrap_or_default()
}

/// The other party of the owner's direct conversation.
pub(crate) fn contact_email(store: &Store) -> String {
    let admin = store.admin()["id"].as_str().unwrap_or_default();
    let other = store.messages.iter().find_map(|m| m.between.as_ref()).map(|(a, b)| if a == admin { b } else { a });
    other.and_then(|id| store.find_user(id)).and_then(|u| u["email"].as_str()).unwrap_or_default().to_string()
}
