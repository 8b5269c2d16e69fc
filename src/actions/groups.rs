//! Groups: list the account's groups, add up to 30 members at once, remove one.
//! <https://developers.zoom.us/docs/api/users/#tag/groups>

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::paging;
use crate::http::url::segment;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, text};
use crate::validate;
use crate::wit::group_types::{
    AddGroupMembersInput, AddedGroupMembers, Group, GroupPage, ListGroupsInput, NewGroupMember, RemoveGroupMemberInput,
    RemovedGroupMember,
};

/// `page_size` limit of `GET /groups` in Zoom's spec.
const MAX_PAGE_SIZE: u32 = 300;
/// `members` holds at most this many per request in Zoom's spec (`groupMembersCreate`).
const MAX_MEMBERS: usize = 30;
/// Group ids are 22 characters; user ids too, and emails at most 128.
const MAX_ID: usize = 128;

/// `GET /groups`.
pub(crate) fn list(client: &Client, input: &ListGroupsInput) -> Result<GroupPage, Error> {
    let gathered = paging::gather(
        input.paging.as_ref(),
        "groups",
        MAX_PAGE_SIZE,
        |size, token| {
            client
                .send_json(&Call::new(Method::Get, "/groups").query("page_size", size).query("next_page_token", token))
        },
        parse_group,
    )?;
    Ok(GroupPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// `POST /groups/{groupId}/members` → 201 `{ids, added_at}`; `ids` is one comma-separated string.
pub(crate) fn add(client: &Client, input: &AddGroupMembersInput) -> Result<AddedGroupMembers, Error> {
    let group = group_segment(&input.group_id)?;
    let body = body(&input.members)?;
    let call = Call::new(Method::Post, format!("/groups/{group}/members")).json(&body);
    client.send_write(&call, |v| {
        // Zoom added them; an answer without `ids` is unreadable, not "nothing added".
        let ids = v
            .get("ids")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Unreadable("Zoom's answer to adding group members has no `ids`".into()))?;
        Ok(AddedGroupMembers {
            group_id: input.group_id.trim().to_string(),
            ids: ids.split(',').map(str::trim).filter(|i| !i.is_empty()).map(String::from).collect(),
            added_at: text(v, "added_at"),
        })
    })
}

/// `DELETE /groups/{groupId}/members/{memberId}` → 204.
pub(crate) fn remove(client: &Client, input: &RemoveGroupMemberInput) -> Result<RemovedGroupMember, Error> {
    let group = group_segment(&input.group_id)?;
    let member = input.member_id.trim();
    validate::max_chars("member_id", Some(member), MAX_ID)?;
    let path = format!("/groups/{group}/members/{}", segment("member_id", member)?);
    client.send(&Call::new(Method::Delete, path))?;
    Ok(RemovedGroupMember { group_id: input.group_id.trim().to_string(), member_id: member.to_string() })
}

fn group_segment(id: &str) -> Result<String, Error> {
    validate::max_chars("group_id", Some(id.trim()), MAX_ID)?;
    segment("group_id", id)
}

/// 1 to 30 members, each with exactly one of a user id and an email.
fn body(members: &[NewGroupMember]) -> Result<Value, Error> {
    if members.is_empty() || members.len() > MAX_MEMBERS {
        return Err(Error::invalid("members", format!("must list 1 to {MAX_MEMBERS} users")));
    }
    let mut list = Vec::with_capacity(members.len());
    for (i, member) in members.iter().enumerate() {
        let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let mut m = Map::new();
        match (blank(&member.id), blank(&member.email)) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(format!("members[{i}].id"), "cannot be combined with email"))
            }
            (None, None) => return Err(Error::invalid(format!("members[{i}].id"), "or email is required")),
            (Some(id), None) => {
                let field = format!("members[{i}].id");
                validate::max_chars(&field, Some(&id), MAX_ID)?;
                if id.chars().any(|c| c.is_control() || c.is_whitespace()) {
                    return Err(Error::invalid(field, "must be a user id"));
                }
                m.insert("id".into(), json!(id));
            }
            (None, Some(email)) => {
                validate::email(&format!("members[{i}].email"), &email)?;
                m.insert("email".into(), json!(email));
            }
        }
        list.push(Value::Object(m));
    }
    Ok(json!({"members": list}))
}

fn parse_group(v: &Value) -> Result<Group, Error> {
    Ok(Group {
        id: text(v, "id").ok_or_else(|| Error::Unreadable("Zoom's group has no `id`".to_owned()))?,
        name: text(v, "name"),
        total_members: capped_u32(v, "total_members"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_id(id: &str) -> NewGroupMember {
        NewGroupMember { id: Some(id.into()), email: None }
    }

    fn by_email(email: &str) -> NewGroupMember {
        NewGroupMember { id: None, email: Some(email.into()) }
    }

    fn field(e: Error) -> String {
        match e {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn body_takes_one_to_thirty_members_by_id_or_email() {
        let b = body(&[by_id(" u1 "), by_email("a@example.com")]).unwrap();
        assert_eq!(b, json!({"members": [{"id": "u1"}, {"email": "a@example.com"}]}));
        assert_eq!(field(body(&[]).unwrap_err()), "members");
        assert_eq!(field(body(&vec![by_id("u"); 31]).unwrap_err()), "members");
        assert_eq!(field(body(&[by_id("u"), NewGroupMember { id: None, email: None }]).unwrap_err()), "members[1].id");
        let both = NewGroupMember { id: Some("u".into()), email: Some("a@example.com".into()) };
        assert_eq!(field(body(&[both]).unwrap_err()), "members[0].id");
        assert_eq!(field(body(&[by_email("nope")]).unwrap_err()), "members[0].email");
        assert_eq!(field(body(&[by_id("a b")]).unwrap_err()), "members[0].id");
    }

    #[test]
    fn reads_groups_and_refuses_blank_ids() {
        let g = parse_group(&json!({"id": "g1", "name": "Developers", "total_members": 200})).unwrap();
        assert_eq!((g.id.as_str(), g.total_members), ("g1", Some(200)));
        assert!(parse_group(&json!({"name": "no id"})).is_err());
        assert_eq!(field(group_segment(" ").unwrap_err()), "group_id");
        assert_eq!(field(group_segment("..").unwrap_err()), "group_id");
    }
}
