//! What `POST /users` and `PATCH /users/{userId}` accept (the request
//! schemas in Users.json): field checks naming dotted fields, plus the update
//! rules Zoom reports with their own messages.

use super::errors;
use super::server::Response;
use super::validate::Checker;
use serde_json::{Map, Value};

const ACTIONS: &[&str] = &["create", "autoCreate", "custCreate", "ssoCreate"];

/// Zoom One plan bits. The spec prints 2^56, 2^57 and 2^59 rounded through
/// a double; both spellings are accepted.
const ZOOM_ONE_TYPES: &[i64] = &[
    16,
    32,
    64,
    128,
    33_554_432,
    134_217_728,
    268_435_456,
    536_870_912,
    1_073_741_824,
    4_294_967_296,
    8_589_934_592,
    17_179_869_184,
    34_359_738_368,
    68_719_476_736,
    137_438_953_472,
    274_877_906_944,
    549_755_813_888,
    1_099_511_627_776,
    2_199_023_255_552,
    4_398_046_511_104,
    18_014_398_509_481_984,
    1 << 56,
    1 << 57,
    1 << 59,
    72_057_594_037_927_940,
    144_115_188_075_855_870,
    576_460_752_303_423_500,
];

const PLAN_UNITED: &[&str] = &[
    "1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048", "4096", "8192", "16384", "32768",
    "65536", "131072",
];

fn license_list(c: &mut Checker) {
    if let Some(list) = c.array("license_info_list") {
        let ok = list.len() <= 2
            && list.iter().all(|l| {
                ["MEETING", "ZOOM_WORKPLACE_BUNDLE"].contains(&l["license_type"].as_str().unwrap_or(""))
                    && l["license_option"].as_i64().is_some_and(|o| o > 0)
                    && l["subscription_id"].is_string()
            });
        if !ok {
            c.fail("license_info_list");
        }
    }
}

fn strings_array(c: &mut Checker, key: &str) {
    if c.array(key).is_some_and(|a| !a.iter().all(Value::is_string)) {
        c.fail(key);
    }
}

pub(crate) fn check_create(body: &Map<String, Value>) -> Vec<String> {
    let mut c = Checker::new(body, "");
    c.required("action");
    let action = c.string_enum("action", ACTIONS);
    c.required("user_info");
    c.nested("user_info", |u| {
        u.required("email");
        u.email("email", 128);
        u.required("type");
        // Type 99 ("None") exists only for SSO pre-provisioning.
        if u.int_enum("type", &[1, 2, 4, 99]) == Some(99) && action != Some("ssoCreate") {
            u.fail("type");
        }
        u.string("first_name", 64);
        u.string("last_name", 64);
        u.string("display_name", 128);
        if let Some(p) = u.string("password", 32) {
            // Only autoCreate users get a password from the API.
            if p.chars().count() < 8 || action != Some("autoCreate") {
                u.fail("password");
            }
        }
        u.nested("feature", |f| {
            f.boolean("zoom_phone");
            f.int_enum("zoom_one_type", ZOOM_ONE_TYPES);
        });
        u.string_enum("plan_united_type", PLAN_UNITED);
        license_list(u);
        strings_array(u, "division_ids");
    });
    c.errors
}

pub(crate) fn check_update(body: &Map<String, Value>) -> Vec<String> {
    let mut c = Checker::new(body, "");
    c.string("first_name", 64);
    c.string("last_name", 64);
    c.string("display_name", 128);
    c.int_enum("type", &[1, 2, 4, 99]);
    c.int("pmi", 1_000_000_000, 9_999_999_999);
    c.boolean("use_pmi");
    for key in ["timezone", "language", "dept", "vanity_name", "group_id", "cost_center", "pronouns", "cms_user_id"] {
        c.string(key, 256);
    }
    for key in ["phone_country", "phone_number", "linkedin_url"] {
        c.string(key, 256);
    }
    c.string("job_title", 128);
    c.string("company", 255);
    c.string("location", 256);
    c.string("about_me", 150);
    if c.string("host_key", 10).is_some_and(|k| k.chars().count() < 6 || !k.bytes().all(|b| b.is_ascii_digit())) {
        c.fail("host_key");
    }
    c.email("manager", 128);
    c.int_enum("pronouns_option", &[1, 2, 3]);
    let mut zoom_one = ZOOM_ONE_TYPES.to_vec();
    zoom_one.push(0);
    c.int_enum("zoom_one_type", &zoom_one);
    let mut plans = PLAN_UNITED.to_vec();
    plans.push("none");
    c.string_enum("plan_united_type", &plans);
    if let Some(phones) = c.array("phone_numbers") {
        let labels = ["Mobile", "Office", "Home", "Fax"];
        let ok = phones.len() <= 3
            && phones.iter().all(|p| p.get("label").is_none_or(|l| l.as_str().is_some_and(|l| labels.contains(&l))));
        if !ok {
            c.fail("phone_numbers");
        }
    }
    if c.array("custom_attributes").is_some_and(|a| a.len() > 5) {
        c.fail("custom_attributes");
    }
    c.nested("feature", |f| {
        f.boolean("zoom_phone");
    });
    license_list(&mut c);
    strings_array(&mut c, "division_ids");
    c.errors
}

/// Rules with their own messages, checked after the field validation.
pub(crate) fn update_rules(body: &Map<String, Value>) -> Option<Response> {
    let plan_fields = ["type", "plan_united_type", "zoom_one_type"].iter().filter(|k| body.contains_key(**k)).count();
    if plan_fields > 1 {
        let msg = "You can't change the \"type\" or \"plan_united_type\" or \"zoom_one_type\" at the same time.";
        return Some(errors::zoom(400, 300, msg));
    }
    let about = body.get("about_me").and_then(Value::as_str).unwrap_or("");
    if about.contains('<') || about.contains("http://") || about.contains("https://") {
        return Some(errors::zoom(
            400,
            300,
            "The `about_me` field is illegal and can't contain hyperlinks or HTML code.",
        ));
    }
    if body.get("linkedin_url").and_then(Value::as_str).is_some_and(|u| !u.contains("linkedin.com")) {
        return Some(errors::zoom(
            400,
            300,
            "The `linkedin_url` field is illegal. The URL must contain `linkedin.com`.",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errs(v: Value) -> Vec<String> {
        check_create(v.as_object().unwrap())
    }

    #[test]
    fn create_requires_action_and_user_info_fields() {
        assert_eq!(errs(json!({})), ["action", "user_info"]);
        assert_eq!(errs(json!({"action": "invite", "user_info": {}})), ["action", "user_info.email", "user_info.type"]);
        let ok = json!({"action": "autoCreate", "user_info": {"email": "a@example.com", "type": 1, "password": "s3cretpass",
                        "feature": {"zoom_phone": true, "zoom_one_type": 16}, "plan_united_type": "1"}});
        assert_eq!(errs(ok), Vec::<String>::new());
    }

    #[test]
    fn create_rejects_misplaced_password_type_99_and_long_names() {
        let body = json!({"action": "create", "user_info": {"email": "a@example.com", "type": 99,
                          "password": "longenough", "first_name": "x".repeat(65)}});
        assert_eq!(errs(body), ["user_info.type", "user_info.first_name", "user_info.password"]);
        let short =
            json!({"action": "autoCreate", "user_info": {"email": "a@example.com", "type": 1, "password": "short"}});
        assert_eq!(errs(short), ["user_info.password"]);
    }

    #[test]
    fn update_checks_fields_and_exclusive_plan_changes() {
        let body = json!({"pmi": 123, "host_key": "12ab", "phone_numbers": [{"label": "Pager"}], "manager": "boss"});
        assert_eq!(check_update(body.as_object().unwrap()), ["pmi", "host_key", "manager", "phone_numbers"]);
        let both = json!({"type": 2, "zoom_one_type": 16});
        assert!(update_rules(both.as_object().unwrap()).is_some());
        let link = json!({"linkedin_url": "https://example.com/me"});
        assert!(update_rules(link.as_object().unwrap()).is_some());
    }
}
