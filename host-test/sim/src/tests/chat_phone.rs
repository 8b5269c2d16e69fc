//! Team Chat and Zoom Phone recordings over TCP.

use super::*;

#[test]
fn channels_page_by_ten_by_default() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let first = get(&sim, &bearer, "/v2/chat/users/me/channels").json();
    assert_eq!((first["page_size"].as_u64(), first["channels"].as_array().unwrap().len()), (Some(10), 10));
    let total = first["total_records"].as_u64().unwrap() as usize;
    assert!(total > 10);
    assert!(!first["next_page_token"].as_str().unwrap().is_empty());
    let (all, pages) = walk(&sim, &bearer, "/v2/chat/users/me/channels?page_size=5", "channels");
    assert_eq!((all.len(), pages), (total, total.div_ceil(5)));
    for c in &all {
        for k in ["id", "jid", "name", "type", "channel_url", "channel_settings"] {
            assert!(c.get(k).is_some(), "{k}");
        }
        assert_eq!(c["jid"], format!("{}@conference.xmpp.zoom.us", c["id"].as_str().unwrap()).as_str());
    }
    assert!(all.iter().any(|c| c["id"] == sim.chat_channel_id().as_str()));
    assert_eq!(get(&sim, &bearer, "/v2/chat/users/me/channels?page_size=1001").err(), (400, 300));
    assert_eq!(get(&sim, &bearer, "/v2/chat/users/ghost@example.com/channels").err(), (404, 1001));
}

#[test]
fn messages_need_exactly_one_target_unless_searching() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (channel, contact) = (sim.chat_channel_id(), sim.chat_contact_email().replace('@', "%40"));
    let m = |q: &str| get(&sim, &bearer, &format!("/v2/chat/users/me/messages?{q}"));
    for q in ["".to_string(), format!("to_channel={channel}&to_contact={contact}"), "search_key=deck".to_string()] {
        let r = m(&q);
        assert_eq!(r.err(), (400, 300), "{q}");
    }
    assert_eq!(m("").json()["message"], "Must provide either contact or channel parameter.");
    assert_eq!(m("to_channel=nope").json(), json!({"code": 4130, "message": "Channel does not exist: nope."}));
    assert_eq!(
        m("to_contact=ghost%40example.com").json(),
        json!({"code": 1001, "message": "User does not exist: ghost@example.com."})
    );
    assert_eq!(m("to_contact=ghost%40example.com").status, 404);
    assert_eq!(m(&format!("to_channel={channel}&page_size=51")).err(), (400, 300));
    assert_eq!(m(&format!("to_channel={channel}&date=2020-01-01")).err(), (400, 300));
    assert_eq!(m(&format!("to_channel={channel}&include_deleted_and_edited_message=yes")).err(), (400, 300));
    assert_eq!(m(&format!("to_channel={channel}&download_file_formats=video%2Fmp4")).err(), (400, 300));
    let both = m("search_type=message&search_key=deck&include_deleted_and_edited_message=true");
    assert_eq!(both.err(), (400, 300));

    let found = m("search_type=message&search_key=DECK").json();
    let texts: Vec<&str> =
        found["messages"].as_array().unwrap().iter().map(|x| x["message"].as_str().unwrap()).collect();
    assert!(!texts.is_empty() && texts.iter().all(|t| t.to_lowercase().contains("deck")), "{texts:?}");
    let files = m("search_type=file&search_key=.png").json();
    assert_eq!(files["messages"][0]["file_name"], "dashboard.png");
    assert_eq!(files["messages"][0]["files"][0]["file_name"], "dashboard.png");
}

#[test]
fn messages_filter_edits_replies_and_dates() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let channel = sim.chat_channel_id();
    let m = |q: &str| get(&sim, &bearer, &format!("/v2/chat/users/me/messages?to_channel={channel}{q}")).json();

    let plain = m("");
    assert_eq!(plain["date"], clock::format_date(clock::today()).as_str());
    assert_eq!(plain["page_size"], 10);
    let msgs = plain["messages"].as_array().unwrap();
    assert!(!msgs.is_empty() && msgs.iter().all(|x| x["status"] == "Normal"));
    let stamps: Vec<i64> = msgs.iter().map(|x| x["timestamp"].as_i64().unwrap()).collect();
    assert!(stamps.windows(2).all(|w| w[0] > w[1]), "newest first");
    for k in ["id", "message", "sender", "sender_display_name", "date_time", "timestamp", "message_type", "status"] {
        assert!(msgs[0].get(k).is_some(), "{k}");
    }

    let (everything, _) = walk(
        &sim,
        &bearer,
        &format!("/v2/chat/users/me/messages?to_channel={channel}&include_deleted_and_edited_message=true&page_size=3"),
        "messages",
    );
    let statuses: Vec<&str> = everything.iter().map(|x| x["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"Edited") && statuses.contains(&"Deleted"), "{statuses:?}");
    assert_eq!(everything.len(), msgs.len() + 2);

    let parents = m("&exclude_child_message=true");
    let parents = parents["messages"].as_array().unwrap();
    assert!(parents.iter().all(|x| x.get("reply_main_message_id").is_none()));
    assert!(parents.len() < msgs.len());
    let replies: Vec<&Value> = msgs.iter().filter(|x| x.get("reply_main_message_id").is_some()).collect();
    assert!(replies.iter().all(|r| msgs.iter().any(|p| p["id"] == r["reply_main_message_id"])));

    let yesterday = m(&format!("&date={}", clock::format_date(clock::today() - 1)));
    assert_eq!(yesterday["messages"].as_array().unwrap().len(), 4);
    let from = clock::format_utc((clock::today() - 4) * 86_400);
    let range = m(&format!("&from={from}&page_size=50"));
    assert_eq!((range["from"].as_str(), range.get("date")), (Some(from.as_str()), None));
    assert_eq!(range["messages"].as_array().unwrap().len(), msgs.len() + 4 + 3);

    let contact = sim.chat_contact_email();
    let dm =
        get(&sim, &bearer, &format!("/v2/chat/users/me/messages?to_contact={}", contact.replace('@', "%40"))).json();
    let senders: Vec<&str> = dm["messages"].as_array().unwrap().iter().map(|x| x["sender"].as_str().unwrap()).collect();
    assert_eq!(senders.len(), 4);
    assert!(senders.contains(&contact.as_str()) && senders.contains(&sim.admin_user()["email"].as_str().unwrap()));
}

#[test]
fn phone_recordings_window_paging_and_licence() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    assert_eq!(sim.phone_recording_count("me"), 40);
    let today = clock::today();
    let day = |d: i64| clock::format_date(today + d);
    let p = |q: &str| get(&sim, &bearer, &format!("/v2/phone/users/me/recordings?{q}"));

    let default = p("").json();
    assert_eq!((default["from"].as_str(), default["to"].as_str()), (Some(day(-30).as_str()), Some(day(0).as_str())));
    let in_default = default["total_records"].as_u64().unwrap();
    assert!((15..=25).contains(&in_default), "{in_default}");
    assert_eq!(default["page_count"].as_u64(), Some(in_default.div_ceil(30)));

    let (older, pages) = walk(
        &sim,
        &bearer,
        &format!("/v2/phone/users/me/recordings?from={}&to={}&page_size=7", day(-61), day(-31)),
        "recordings",
    );
    assert_eq!(pages, older.len().div_ceil(7));
    assert_eq!(older.len() as u64 + in_default, 40, "the two windows cover everything");
    let r = &older[0];
    for k in [
        "id",
        "call_id",
        "caller_name",
        "caller_number",
        "callee_name",
        "callee_number",
        "date_time",
        "direction",
        "duration",
        "download_url",
    ] {
        assert!(r.get(k).is_some(), "{k}");
    }
    let dates: Vec<&str> = older.iter().map(|x| x["date_time"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let wide = p(&format!("from={}&to={}", day(-45), day(0)));
    assert_eq!(wide.err(), (400, 300));
    assert_eq!(p(&format!("from={}", day(-10))).json()["errors"][0]["field"], "to");
    assert_eq!(p(&format!("from={}&to={}", day(-200), day(-190))).err(), (400, 300));
    assert_eq!(p("from=2024-01-01&to=nope").err(), (400, 300));
    assert_eq!(p("page_size=301").err(), (400, 300));

    let basic = get(&sim, &bearer, "/v2/phone/users/casey.basic@example.com/recordings");
    assert_eq!(basic.json(), json!({"code": 300, "message": "Invalid user id."}));
    assert_eq!(basic.status, 400);
    assert_eq!(get(&sim, &bearer, "/v2/phone/users/ghost@example.com/recordings").err(), (404, 1001));
    assert_eq!(sim.phone_recording_count("casey.basic@example.com"), 0);
}

#[test]
fn call_history_of_a_user_and_of_the_account() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let today = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 86_400) as i64;
    let day = |back: i64| crate::format_utc((today - back) * 86_400)[..10].to_string();
    let window = format!("from={}&to={}", day(30), day(0));
    let stored = sim.call_history("me");
    let expected = stored.iter().filter(|c| c["start_time"].as_str().unwrap() >= day(30).as_str()).count();
    let (mine, pages) =
        walk(&sim, &bearer, &format!("/v2/phone/users/me/call_history?page_size=7&{window}"), "call_logs");
    assert_eq!((mine.len(), pages), (expected, expected.div_ceil(7)));
    assert!(mine.iter().any(|c| c["result"] == "no_answer" && c.get("answer_time").is_none()), "missed calls too");
    assert!(mine.iter().all(|c| c["id"].is_string() && c["end_time"].as_str() >= c["start_time"].as_str()));
    assert!(mine.windows(2).all(|w| w[0]["start_time"].as_str() >= w[1]["start_time"].as_str()), "newest first");

    let (account, _) = walk(&sim, &bearer, &format!("/v2/phone/call_history?page_size=300&{window}"), "call_history");
    assert!(account.len() > mine.len(), "every phone user's calls");
    let one = account.iter().find(|c| c["call_history_uuid"] == mine[0]["id"]).unwrap();
    assert_eq!((&one["duration"], &one["call_result"]), (&mine[0]["talk_time"], &mine[0]["result"]));
    assert!(one.get("talk_time").is_none() && one.get("id").is_none(), "the account schema's names: {one}");

    // Default: the last 24 hours; a call that just ended is in it and emits phone.callee_ended.
    let ended = sim.end_phone_call("me").unwrap();
    let recent = get(&sim, &bearer, "/v2/phone/users/me/call_history").json();
    assert!(recent["call_logs"].as_array().unwrap().iter().any(|c| c["id"] == ended["id"]), "{recent}");
    let event = events(&sim).into_iter().find(|e| e["event"] == "phone.callee_ended").unwrap();
    assert_eq!(event["payload"]["object"]["call_id"], ended["call_id"]);

    let q = |query: &str| get(&sim, &bearer, &format!("/v2/phone/users/me/call_history?{query}")).err();
    assert_eq!(q("page_size=301"), (400, 301));
    assert_eq!(q(&format!("from={}", day(3))), (400, 301), "to is required with from");
    assert_eq!(q("from=2026-13-01&to=2026-13-02"), (400, 301));
    assert_eq!(q(&format!("from={}&to={}", day(40), day(0))), (400, 300), "more than a month");
    assert_eq!(q(&format!("from={}&to={}", day(300), day(290))), (400, 300), "older than six months");
    assert_eq!(q("time_type=middle"), (400, 301));
    assert_eq!(get(&sim, &bearer, "/v2/phone/call_history?page_size=0").err(), (400, 300));
    assert_eq!(get(&sim, &bearer, "/v2/phone/users/ghost@example.com/call_history").err(), (404, 300));
    let unlicensed = sim.users().into_iter().find(|u| {
        let id = u["id"].as_str().unwrap();
        sim.user_settings(id).is_some_and(|s| s["feature"]["zoom_phone"] == false)
    });
    let unlicensed = unlicensed.expect("a user without Zoom Phone");
    let path = format!("/v2/phone/users/{}/call_history", unlicensed["id"].as_str().unwrap());
    assert_eq!(get(&sim, &bearer, &path).err(), (404, 300));
}
