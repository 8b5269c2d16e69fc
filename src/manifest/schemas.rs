//! The JSON Schemas `build.rs` generates from the WIT, one line per action and trigger
//! (`id \t input \t output`), kept deflated: they repeat their definitions and descriptions, and
//! uncompressed they would be a fifth of the component.

use std::sync::OnceLock;

static DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/schemas.deflate"));

/// The schemas of one action or trigger, as JSON text.
pub(crate) struct Pair<'a> {
    pub(crate) input: &'a str,
    pub(crate) output: &'a str,
}

fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        // Made by build.rs from text it wrote; a failure here is a build defect, caught by the tests.
        let bytes = miniz_oxide::inflate::decompress_to_vec(DEFLATED).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    })
}

/// The schemas of `id` (an action id, `webhook`, `poll:<source>` or `reconcile`).
pub(crate) fn of(id: &str) -> Pair<'static> {
    text()
        .lines()
        .find_map(|line| {
            let mut parts = line.splitn(3, '\t');
            (parts.next()? == id)
                .then(|| Pair { input: parts.next().unwrap_or("{}"), output: parts.next().unwrap_or("{}") })
        })
        .unwrap_or(Pair { input: "{}", output: "{}" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn every_line_has_an_id_and_two_schemas_that_parse() {
        let lines: Vec<&str> = text().lines().collect();
        assert!(lines.len() > 40, "{} lines", lines.len());
        for line in lines {
            let parts: Vec<&str> = line.split('\t').collect();
            assert_eq!(parts.len(), 3, "{line:.80}");
            for schema in &parts[1..] {
                let v = parse(schema);
                assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema", "{}", parts[0]);
            }
        }
    }

    #[test]
    fn inputs_mark_required_fields_and_take_64_bit_ids_as_digit_strings() {
        let input = parse(of("get-meeting").input);
        assert_eq!(input["required"], serde_json::json!(["meeting_id"]));
        assert_eq!(input["additionalProperties"], false);
        let id = &input["properties"]["meeting_id"];
        assert_eq!(id["anyOf"][1]["pattern"], "^[0-9]+$", "{id}");
        assert!(id["description"].as_str().unwrap().contains("meeting id"));
        // An option may be absent or null.
        let occurrence = &input["properties"]["occurrence_id"];
        assert_eq!(occurrence["anyOf"][1]["type"], "null");
    }

    #[test]
    fn outputs_list_every_field_as_required_and_enums_as_enum() {
        let output = parse(of("get-meeting").output);
        let required: Vec<&str> = output["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(required.contains(&"agenda") && required.contains(&"id"), "{required:?}");
        let kinds = &output["$defs"]["meeting-type"];
        assert!(kinds["enum"].as_array().unwrap().contains(&Value::from("recurring_fixed_time")), "{kinds}");
    }

    #[test]
    fn a_polling_trigger_is_narrowed_to_its_source_and_item() {
        let pair = of("poll:new-meetings");
        let input = parse(pair.input);
        assert_eq!(input["properties"]["source"]["required"], serde_json::json!(["new_meetings"]));
        let output = parse(pair.output);
        assert_eq!(output["properties"]["item"]["required"], serde_json::json!(["meeting"]));
        // Only the definitions the narrowed item reaches remain.
        assert!(output["$defs"].get("user").is_none(), "{}", output["$defs"]);
    }

    #[test]
    fn credentials_are_marked_secret_and_nothing_else_is() {
        let meeting = parse(of("get-meeting").output);
        assert_eq!(meeting["properties"]["start_url"]["x-secret"], true);
        assert!(meeting["properties"]["join_url"].get("x-secret").is_none());
        let webhook = parse(of("webhook").input);
        assert_eq!(webhook["$defs"]["webhook-config"]["properties"]["secret_token"]["x-secret"], true);
        let registrant = parse(of("add-meeting-registrant").output);
        assert_eq!(registrant["properties"]["join_url"]["x-secret"], true, "a personal join link admits its holder");
    }

    #[test]
    fn an_unknown_id_has_no_schema_rather_than_a_wrong_one() {
        assert_eq!(of("no-such-action").input, "{}");
    }
}
