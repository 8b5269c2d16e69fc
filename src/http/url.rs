//! URLs and their parts: percent-encoding, path segments from inputs, and splitting and joining
//! absolute URLs.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is escaped, so one
/// encoder serves path segments, query components and form bodies alike.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path segment, query component or form value (`%XX`, upper-case hex).
pub(crate) fn encode(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// One path segment from an input: encoded, and never `.` or `..`, which would move the
/// request to another route.
pub(crate) fn segment(field: &str, value: &str) -> Result<String, Error> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    if v.chars().all(|c| c == '.') || v.chars().any(char::is_control) {
        return Err(Error::invalid(field, "is not a valid id"));
    }
    Ok(encode(v))
}

/// One segment of a caller-written path (`raw-request`), where `%XX` may already encode a byte
/// (Zoom's double-encoded UUIDs need that). Valid triplets are kept, everything else is encoded.
/// A segment that decodes to `.` or `..`, or hides `/` or `\` as `%2F`/`%5C`, is refused: a
/// gateway that decodes or normalises it would move the request out of the API base.
pub(crate) fn caller_segment(field: &str, raw: &str) -> Result<String, Error> {
    let bad = |why: &str| Err(Error::invalid(field, format!("segment {raw:?} {why}")));
    let (mut out, mut decoded) = (String::new(), Vec::new());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c != '%' {
            out.push_str(&encode(&rest[..c.len_utf8()]));
            decoded.extend(rest[..c.len_utf8()].bytes());
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let Some(byte) = rest.get(1..3).and_then(|h| u8::from_str_radix(h, 16).ok().filter(|_| !h.starts_with('+')))
        else {
            return bad("has a % that is not followed by two hex digits");
        };
        if byte == b'/' || byte == b'\\' {
            return bad("must not encode / or \\ (%2F, %5C)");
        }
        if byte.is_ascii_control() {
            return bad("must not encode a control character");
        }
        out.push_str(&rest[..3]);
        decoded.push(byte);
        rest = &rest[3..];
    }
    if decoded == b"." || decoded == b".." {
        return bad("is a dot segment, which would leave the API path");
    }
    Ok(out)
}

/// The user path segment: `me` by default, otherwise the encoded id or email.
pub(crate) fn user_path(user_id: Option<&str>) -> Result<String, Error> {
    match user_id.map(str::trim) {
        None | Some("") => Ok("me".to_owned()),
        Some(u) if u.chars().count() > 128 => Err(Error::invalid("user_id", "must be at most 128 characters")),
        Some(u) => segment("user_id", u),
    }
}

/// The path segment for a meeting or webinar id or instance UUID. Zoom wants UUIDs that start
/// with `/` or contain `//` encoded twice; anything else once.
pub(crate) fn instance_path(field: &str, id: &str) -> Result<String, Error> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    if id.len() > 128 || id.chars().any(char::is_control) {
        let kind = if field.starts_with("webinar") { "webinar" } else { "meeting" };
        return Err(Error::invalid(field, format!("must be a {kind} id or an instance UUID")));
    }
    let once = segment(field, id)?;
    Ok(if id.starts_with('/') || id.contains("//") { encode(&once) } else { once })
}

/// Splits an absolute URL into scheme, authority and path-with-query.
pub(crate) fn split_url(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let at = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(at);
    if authority.is_empty() {
        return None;
    }
    Some((scheme, authority, if path.is_empty() { "/" } else { path }))
}

/// Joins `base` (no trailing slash needed), a path and query pairs into a URL.
pub(crate) fn build_url(base: &str, path: &str, query: &[(String, String)]) -> String {
    let mut url = format!("{}{}", base.trim_end_matches('/'), path);
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(k));
        url.push('=');
        url.push_str(&encode(v));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encodes_query_and_keeps_unreserved() {
        let q = vec![("from".to_owned(), "2026-01-01".to_owned()), ("q".to_owned(), "a b&c/".to_owned())];
        assert_eq!(build_url("https://x/v2/", "/users", &q), "https://x/v2/users?from=2026-01-01&q=a%20b%26c%2F");
        assert_eq!(encode("AZaz09-._~ é%+/"), "AZaz09-._~%20%C3%A9%25%2B%2F");
    }

    #[test]
    fn caller_segments_keep_valid_escapes_and_refuse_hidden_dots_and_slashes() {
        let ok = |s: &str| caller_segment("path", s).unwrap();
        assert_eq!(ok("a+b@x.com"), "a%2Bb%40x.com");
        assert_eq!(ok("%252FajXp%253D%253D"), "%252FajXp%253D%253D");
        assert_eq!(ok("a%20b c"), "a%20b%20c");
        assert_eq!(ok("..."), "...");
        for bad in [
            ".", "..", "%2e%2e", "%2E.", ".%2e", "%2e", "a%2Fb", "a%2fb", "%5C", "%5c..", "%", "%2", "%zz", "a%+1",
            "%00", "%0a",
        ] {
            let e = caller_segment("path", bad).unwrap_err();
            assert!(matches!(&e, Error::InvalidInput { field, .. } if field == "path"), "{bad}: {e:?}");
        }
    }

    #[test]
    fn split_url_parts() {
        assert_eq!(split_url("http://127.0.0.1:80/v2/a?b=1"), Some(("http", "127.0.0.1:80", "/v2/a?b=1")));
        assert_eq!(split_url("https://zoom.us"), Some(("https", "zoom.us", "/")));
        assert_eq!(split_url("ftp://x/y"), None);
        assert_eq!(split_url("https:///y"), None);
    }

    #[test]
    fn user_path_defaults_to_me_and_encodes_emails() {
        assert_eq!(user_path(None).unwrap(), "me");
        assert_eq!(user_path(Some("a+b@x.com")).unwrap(), "a%2Bb%40x.com");
    }

    #[test]
    fn uuids_with_slashes_are_double_encoded_others_once() {
        assert_eq!(instance_path("meeting_id", "85746065432").unwrap(), "85746065432");
        assert_eq!(instance_path("meeting_id", "4444AAAiAAAAAiAiAiiAii==").unwrap(), "4444AAAiAAAAAiAiAiiAii%3D%3D");
        assert_eq!(
            instance_path("meeting_id", "/ajXp112QmuoKj4854875==").unwrap(),
            "%252FajXp112QmuoKj4854875%253D%253D"
        );
        assert_eq!(instance_path("meeting_id", "ab//cd==").unwrap(), "ab%252F%252Fcd%253D%253D");
        assert!(instance_path("meeting_id", " ").is_err());
    }
}
